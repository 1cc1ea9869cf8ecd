import Foundation
import OrgTreeCommands

exit(OrgtreeCommandLine.run(Array(CommandLine.arguments.dropFirst()), console: Console.standard()))
