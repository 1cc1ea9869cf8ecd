import Foundation
import OrgTreeCommands

// A global: the console, and what commands keep in it, live until `exit`.
let console = Console.standard()
exit(OrgtreeCommandLine.run(Array(CommandLine.arguments.dropFirst()), console: console))
