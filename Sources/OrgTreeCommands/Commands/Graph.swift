import ArgumentParser
import OrgTreeCore
import OrgTreeKit

/// Output formats of `graph`.
enum GraphFormat: String, CaseIterable, ExpressibleByArgument {
    case dot, mermaid
}

struct Graph: ConsoleCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the access paths of a subject, or into a project, as a Graphviz or Mermaid graph.",
        usage: "orgtree graph [TREE] (--subject SUBJECT | --project PROJECT) [--env ENV] [<options>]",
        discussion: """
            TREE is the tree folder (default: the current folder). With --subject, every path \
            of that person, agency person or token: its org role and org permissions, the \
            teams and includes to each project role, an agency's handshake, a token's owner \
            and tokens.manage. With --project, every subject's path into the project. A \
            token holds its scopes in its own environment only: --env draws the tokens of \
            that environment (people's access holds in every environment).

            Each edge is one step of the chain that grants the access, labelled with the \
            file:line that writes it (docs/graph.md says what each edge means). People who \
            reach a project by its default role only are drawn as one group; past \
            \(AccessGraph.maxSubjects) other subjects a project's graph stops and says how \
            many it leaves out.

            Examples:
              orgtree graph sample-org --subject kai
              orgtree graph sample-org --subject pixel/gus --format mermaid
              orgtree graph sample-org --project helpdesk | dot -Tsvg > helpdesk.svg
              orgtree graph sample-org --project shop --env staging

            Exit codes: 0 drawn, 2 usage or I/O trouble.
            """
    )

    @OptionGroup var tree: TreeArgument

    @Option(help: ArgumentHelp("The subject: a person (ann), an agency person (pixel/gus) or a token (token:shop/ci-deploy).",
                               valueName: "subject"), completion: TreeCompletions.subjects(of: "graph"))
    var subject: String?

    @Option(help: ArgumentHelp("The project: every subject's path into it.", valueName: "project"),
            completion: TreeCompletions.projects(of: "graph"))
    var project: String?

    @Option(help: ArgumentHelp("Draw the tokens bound to this environment only.", valueName: "environment"),
            completion: TreeCompletions.environments)
    var env: String?

    @OptionGroup var day: DayOption

    @Option(help: "The output format: Graphviz DOT or a Mermaid flowchart.")
    var format: GraphFormat = .dot

    @OptionGroup var color: ColorOption

    func validate() throws {
        if (subject == nil) == (project == nil) { throw ValidationError("give --subject or --project (one of them)") }
    }

    func run(_ console: Console) throws {
        let day = try day.day()
        let result = try CheckedTree.forQuestions(tree.tree, at: day, console: console).result
        let graph: AccessGraph
        if let subject {
            let subject = try TreeLookup.subject(subject, in: result.tree)
            let environment = try TreeLookup.environment(env, on: subject.tokenProject, in: result.tree)
            graph = AccessGraph.subject(subject, engine: result.engine, at: day, in: environment)
        } else {
            let project = try TreeLookup.project(project, in: result.tree)!
            let environment = try TreeLookup.environment(env, on: project, in: result.tree)
            graph = AccessGraph.project(project, engine: result.engine, at: day, in: environment)
        }
        switch format {
        case .dot: console.out(GraphDOTRendering.render(graph))
        case .mermaid: console.out(GraphMermaidRendering.render(graph))
        }
    }
}
