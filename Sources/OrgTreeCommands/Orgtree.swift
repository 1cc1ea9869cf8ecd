import ArgumentParser
import OrgTreeBuild
import OrgTreeKit

/// `orgtree`: access configuration as code.
public struct Orgtree: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "orgtree",
        abstract: "Validate, explain and apply an organization's access configuration kept as YAML in Git.",
        discussion: """
            A tree folder holds organization.yaml, people/, teams/, projects/, partners/ and \
            assertions/ (see README.md). Every command takes --color auto|always|never; JSON \
            output (--format json) has one style, described in README.md.

            Examples:
              orgtree validate sample-org
              orgtree explain sample-org kai content.write --on helpdesk
              orgtree who-can sample-org billing.manage
              orgtree diff origin/main:org HEAD:org --format markdown
              orgtree plan org --state sqlite:state.db --out plan.json
              orgtree apply org --state sqlite:state.db --plan plan.json
              orgtree audit log --state sqlite:state.db --subject ann

            Exit codes: 0 success, 1 findings (errors, changes, a refused apply), 2 usage or \
            I/O trouble.
            """,
        version: OrgTreeVersion.described(commit: OrgTreeBuild.commit),
        subcommands: [Validate.self, Effective.self, Explain.self, WhoCan.self, Graph.self, Report.self, Diff.self, Plan.self,
                      Apply.self, Drift.self, Import.self, Invitations.self, Unlock.self, Audit.self, Rules.self, Generate.self,
                      CodeOwnersCommand.self, Init.self]
    )

    public init() {}
}
