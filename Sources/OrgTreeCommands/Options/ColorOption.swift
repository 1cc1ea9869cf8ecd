import ArgumentParser
import OrgTreeKit

extension ColorChoice: ExpressibleByArgument {}

/// `--color auto|always|never`, on every command: colour of the text written to standard
/// output (`auto`: on a terminal only, and not when NO_COLOR is set).
struct ColorOption: ParsableArguments {
    @Option(help: "Colour the output: auto (on a terminal, unless NO_COLOR is set), always (also in pipes and CI logs), never.")
    var color: ColorChoice = .auto

    init() {}
}
