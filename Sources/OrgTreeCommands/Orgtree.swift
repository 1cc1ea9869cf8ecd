import ArgumentParser
import OrgTreeBuild
import OrgTreeKit

/// `orgtree`: access configuration as code.
public struct Orgtree: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "orgtree",
        abstract: "Validate, explain and apply an organization's access configuration kept as YAML in Git.",
        discussion: """
            A tree folder holds organization.yaml, people/, teams/, projects/, partners/ and
            assertions/ (see README.md). Exit codes: 0 success, 1 findings (errors, changes, a
            refused apply), 2 usage or I/O trouble.
            """,
        version: OrgTreeVersion.described(commit: OrgTreeBuild.commit),
        subcommands: [Validate.self, Effective.self, Explain.self, WhoCan.self, Diff.self, Plan.self, Apply.self,
                      Drift.self, Import.self, Invitations.self, Unlock.self, Audit.self, Rules.self, Generate.self]
    )

    public init() {}
}
