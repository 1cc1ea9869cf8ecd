import ArgumentParser
import OrgTreeKit
import OrgTreeState

struct Invitations: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the people invited by apply who have not accepted yet, with their age.",
        discussion: """
            A person new to the store is recorded as invited; the platform marks them \
            accepted when they confirm (docs/state-store.md gives its SQL statement).

            Example:
              orgtree invitations --state sqlite:state.db

            Exit codes: 0 listed (also when there are none), 2 usage or I/O trouble.
            """
    )

    @OptionGroup var store: StoreOption
    @OptionGroup var output: FormatOption<AccessFormat>
    @OptionGroup var day: DayOption
    @OptionGroup var color: ColorOption

    func run(_ console: Console) throws {
        let day = try day.day()
        let store = try store.open(readOnly: true)
        let pending = try store.pendingInvitations()
        console.out(output.format == .json ? InvitationRendering.json(pending, store: store.url, on: day)
                                           : InvitationRendering.text(pending, store: store.url, on: day))
    }
}
