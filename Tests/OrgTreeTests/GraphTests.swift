import Foundation
import OrgTreeCore
import OrgTreeKit
import Testing

/// `orgtree graph` and the graph of `diff --format markdown`: DOT read by Graphviz, Mermaid
/// read by `MermaidSubset` (the flowchart lines the renderer writes), hostile labels, the bounds.
@Suite("Access graphs")
struct GraphTests {
    /// A tree whose names hold every character a label must survive.
    static let hostile: [String: String] = [
        "people/bob.yaml": """
            firstName: "Bo\\"b <b>[x]{y}(z)|;# %% `x` end"
            lastName: "Line\\nbreak \\\\N \\\\l @team &amp; -->|x| o--o"
            email: bob@acme.example
            tfa:
              method: app

            """,
        "teams/crew.yaml": "name: \"Crew \\\"]; A-->B; click A call x() #\"\nmembers:\n  - bob\n",
        "teams/all.yaml": "name: \"<script>alert(1)</script>\"\nincludes:\n  - crew\n",
        "projects/shop/project.yaml": "name: Shop\nenvironments: [production]\naccess:\n  default: none\n  teams:\n    all: editor\n",
    ]

    static func sample(_ arguments: [String]) -> ProcessResult {
        orgtreeInProcess(["graph", Repo.path("sample-org")] + arguments + ["--at", GoldenOutputTests.day])
    }

    /// Graphs of sample-org and of the hostile tree, in both formats.
    static func cases() -> [(name: String, dot: String, mermaid: String)] {
        var out: [(String, String, String)] = []
        for selection in [["--subject", "kai"], ["--subject", "ann"], ["--subject", "pixel/gus"], ["--subject", "token:shop/ci-deploy"],
                          ["--subject", "emil"], ["--project", "helpdesk"], ["--project", "shop"], ["--project", "onboarding"]] {
            let dot = sample(selection + ["--format", "dot"]), mermaid = sample(selection + ["--format", "mermaid"])
            #expect(dot.status == 0 && mermaid.status == 0, "\(selection): \(dot.stderr)")
            out.append((selection.joined(separator: " "), dot.stdout, mermaid.stdout))
        }
        let folder = TemporaryFolder()
        folder.writeTree(hostile)
        for selection in [["--subject", "bob"], ["--project", "shop"]] {
            let dot = orgtreeInProcess(["graph", folder.path, "--format", "dot"] + selection)
            let mermaid = orgtreeInProcess(["graph", folder.path, "--format", "mermaid"] + selection)
            #expect(dot.status == 0 && mermaid.status == 0, "\(selection): \(dot.stderr)")
            out.append(("hostile " + selection.joined(separator: " "), dot.stdout, mermaid.stdout))
        }
        return out
    }

    @Test func graphvizReadsEveryDOTGraph() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let dot = path.split(separator: ":").map { "\($0)/dot" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let dot else {
            #expect(ProcessInfo.processInfo.environment["ORGTREE_REQUIRE_GRAPHVIZ"] != "1", "Graphviz (dot) is required but missing")
            return
        }
        let folder = TemporaryFolder()
        for (i, graph) in Self.cases().enumerated() {
            let file = folder.path + "/graph-\(i).dot"
            try graph.dot.write(toFile: file, atomically: true, encoding: .utf8)
            let result = try runProcess(dot, ["-Tsvg", "-o", folder.path + "/graph-\(i).svg", file])
            #expect(result.status == 0 && result.stderr.isEmpty, "\(graph.name): \(result.stderr)")
        }
    }

    @Test func mermaidGraphsStayInTheSubset() throws {
        for graph in Self.cases() {
            #expect(MermaidSubset.problems(graph.mermaid) == [], "\(graph.name)")
        }
    }

    @Test func theSubsetCheckerRejectsWhatMermaidWouldMisread() {
        let bad = [
            "graph TD\n", "flowchart LR\n  a[\"x\"y\"]\n", "flowchart LR\n  a[\"x]\"]\n", "flowchart LR\n  a[\"<b>\"]\n",
            "flowchart LR\n  a[\"a#b\"]\n", "flowchart LR\n  a[\"a\"]\n  a -->|\"x|y\"| b\n", "flowchart LR\n  end[\"a\"]\n",
            "flowchart LR\n  a[\"a\"]\n  a[\"b\"]\n", "flowchart LR\n  a[\"a;\"]\n",
        ]
        for text in bad { #expect(MermaidSubset.problems(text) != [], "\(text)") }
        #expect(MermaidSubset.problems("flowchart LR\n  a[\"a #35; b<br/>c\"]\n  b[\"b\"]\n  a -.->|\"x\"| b\n  class a,b grant\n") == [])
    }

    @Test func hostileLabelsAreEscaped() throws {
        let hostile = Self.cases().filter { $0.name.hasPrefix("hostile") }
        #expect(hostile.count == 2)
        for graph in hostile {
            #expect(graph.mermaid.contains("Bo#34;b #60;b#62;#91;x#93;#123;y#125;#40;z#41;#124;#59;#35;"), "\(graph.name)")
            #expect(!graph.mermaid.contains("<script>") && !graph.dot.contains("\nbreak"))
            #expect(graph.dot.contains(#"Bo\"b <b>[x]{y}(z)|;# %% `x` end"#), "\(graph.name)")
            #expect(graph.dot.contains(#"\\N \\l"#), "\(graph.name)")
        }
    }

    @Test func sameGraphTwice() {
        #expect(Self.sample(["--project", "helpdesk"]).stdout == Self.sample(["--project", "helpdesk"]).stdout)
    }

    @Test func pathsFollowTheChains() {
        let kai = Self.sample(["--subject", "kai", "--format", "dot"]).stdout
        // kai → support → tier2 → helpdesk: editor, each edge with its file:line.
        #expect(kai.contains(#"subj_kai -> team_support [label="members kai\nteams/support.yaml:"#))
        #expect(kai.contains(#"team_support -> team_tier2 [label="includes support\nteams/tier2.yaml:"#))
        #expect(kai.contains(#"team_tier2 -> grant_helpdesk_3aeditor [label="access.teams.tier2: editor\nprojects/helpdesk/project.yaml:"#))
        let gus = Self.sample(["--subject", "pixel/gus", "--format", "dot"]).stdout
        #expect(gus.contains(#"subj_pixel_2fgus -> agency_pixel [label="activations.helpdesk: gus\npartners/pixel/partner.yaml:"#))
        #expect(gus.contains(#"agency_pixel -> grant_helpdesk_3aeditor [label="partners.pixel.enabled: true"#))
        let token = Self.sample(["--subject", "token:shop/ci-deploy", "--format", "dot"]).stdout
        #expect(token.contains(#"subj_token_3ashop_2fci_2ddeploy -> subj_gina [label="owner: gina"#))
        #expect(token.contains(#"subj_gina -> grant_shop_3atokens_2emanage [label="access.people.gina: owner"#))
        let ann = Self.sample(["--subject", "ann", "--format", "dot"]).stdout
        #expect(ann.contains(#"subj_ann -> role_owner [label="roles.owners: ann\norganization.yaml:"#))
        #expect(ann.contains("role_owner -> grant_billing_2emanage;"))
        // An org owner reaches every project by the same chain: one node, not one a project.
        #expect(ann.contains(#"[label="4 projects: owner\nhelpdesk, internal-faq, onboarding, …""#))
        #expect(ann.components(separatedBy: "org owners are owners of every project").count == 2)
    }

    @Test func tokensAreDrawnInTheirEnvironmentOnly() {
        let elsewhere = Self.sample(["--subject", "token:shop/ci-deploy", "--env", "staging"]).stdout
        #expect(elsewhere.contains("is bound to the production environment of shop; it holds nothing in staging"))
        #expect(!elsewhere.contains("scopes: "))
        #expect(Self.sample(["--subject", "token:shop/ci-deploy", "--env", "production"]).stdout == Self.sample(["--subject", "token:shop/ci-deploy"]).stdout)
        let staging = Self.sample(["--project", "shop", "--env", "staging"]).stdout
        #expect(staging.contains("token:shop/analytics-export") && !staging.contains("token:shop/ci-deploy"))
        #expect(staging.contains("1 token of shop is bound to another environment than staging: not drawn"))
        let unknown = Self.sample(["--project", "shop", "--env", "development"])
        #expect(unknown.status == 2 && unknown.stderr.contains("project shop has no development environment"), "\(unknown.stderr)")
        #expect(Self.sample(["--subject", "kai", "--env", "staging"]).stdout == Self.sample(["--subject", "kai"]).stdout)
    }

    @Test func unknownNamesExitTwoWithASuggestion() {
        let subject = Self.sample(["--subject", "kia"])
        #expect(subject.status == 2 && subject.stderr.contains("did you mean"), "\(subject.stderr)")
        let project = Self.sample(["--project", "helpdsk"])
        #expect(project.status == 2 && project.stderr.contains("did you mean"), "\(project.stderr)")
        #expect(Self.sample([]).status == 2)
        #expect(Self.sample(["--subject", "kai", "--project", "shop"]).status == 2)
    }

    @Test func aProjectGraphSaysWhatItLeavesOut() throws {
        let checked = try CheckedTree.read(folder: Repo.path("sample-org"), at: exampleDay)
        let all = AccessGraph.project("helpdesk", engine: checked.result.engine, at: exampleDay)
        #expect(all.notes == [])
        let cut = AccessGraph.project("helpdesk", engine: checked.result.engine, at: exampleDay, limit: 2)
        #expect(cut.notes.count == 1)
        #expect(cut.notes.first?.contains("more subjects with access to helpdesk are not drawn (at most 2)") == true, "\(cut.notes)")
        #expect(cut.nodes.count { $0.kind == .subject } < all.nodes.count { $0.kind == .subject })
    }

    /// An agency person gains access to 45 projects: more paths than the comment draws.
    @Test func theCommentGraphIsBounded() throws {
        var old: [String: String] = ["organization.yaml": DiffFixture.org(projects: 46, defaults: "none")]
        var new = old
        var activations = ""
        for i in 1...45 {
            old["projects/p\(i)/project.yaml"] = DiffFixture.project(name: "P\(i)")
            new["projects/p\(i)/project.yaml"] = DiffFixture.project(name: "P\(i)", extra: "partners:\n  pixel:\n    enabled: true\n    people:\n      pixel/gus: editor\n")
            activations += "  p\(i): [gus]\n"
        }
        new["partners/pixel/partner.yaml"] = "name: Pixel\nstatus: active\nowner: gus\nactivations:\n" + activations
        new["partners/pixel/people/gus.yaml"] = DiffFixture.person("Gus", "gus@pixel.example")
        let diff = diffTrees(old, new)
        let graph = DiffGraph(diff.changes)
        #expect(graph.isCut && graph.drawn > 0 && graph.total == 45, "\(graph.drawn) of \(graph.total)")
        #expect(graph.graph.nodes.count <= DiffGraph.maxNodes)
        let markdown = DiffRendering.render(diff, DiffHeader(old: "old", new: "new", day: exampleDay), as: .markdown)
        #expect(markdown.contains("```mermaid\nflowchart LR\n"))
        #expect(markdown.contains("_The graph draws \(graph.drawn) of 45 high-risk changes"))
        #expect(MermaidSubset.problems(GraphMermaidRendering.render(graph.graph)) == [])
        let quiet = diffTrees(old, DiffFixture.merged(old, ["people/carl.yaml": DiffFixture.person("Carl", "carl@acme.example")]))
        #expect(!DiffRendering.render(quiet, DiffHeader(old: "old", new: "new", day: exampleDay), as: .markdown).contains("mermaid"))
    }
}

/// The Mermaid flowchart subset `GraphMermaidRendering` writes, checked line by line: the
/// header, `id["label"]` nodes, `a -->|"label"| b` and `a -.->|"label"| b` edges,
/// `classDef` and `class` lines. A label holds letters, digits, spaces, `.,:/_-+=!?'`,
/// `#code;` entities and `<br/>`; nothing else (no quote, bracket, `<`, `|`, `;`, `#`
/// of its own). Every id an edge or class names is declared, and once.
enum MermaidSubset {
    static let id = "[A-Za-z][A-Za-z0-9_]*"
    static let label = #"(?:[\p{L}\p{N} .,:/_\-+=!?']|#[0-9]+;|<br/>)*"#
    static var node: Regex<AnyRegexOutput> { try! Regex("  (\(id))\\[\"\(label)\"\\]") }
    static var edge: Regex<AnyRegexOutput> { try! Regex("  (\(id)) (?:-->|-\\.->)(?:\\|\"\(label)\"\\|)? (\(id))") }
    static var classDef: Regex<AnyRegexOutput> { try! Regex("  classDef [a-z]+ [a-z-]+:[#a-z0-9]+(?:,[a-z-]+:[#a-z0-9]+)*") }
    static var classLine: Regex<AnyRegexOutput> { try! Regex("  class ([A-Za-z0-9_,]+) [a-z]+") }

    static func problems(_ text: String) -> [String] {
        var problems: [String] = []
        var declared: Set<String> = []
        var used: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "flowchart LR" else { return ["no flowchart LR header"] }
        guard lines.last == "" else { return ["no final newline"] }
        for (number, line) in lines.dropFirst().dropLast().enumerated() {
            if let m = try? node.wholeMatch(in: line), let name = m.output[1].substring {
                if !declared.insert(String(name)).inserted { problems.append("line \(number + 2): \(name) declared twice") }
            } else if let m = try? edge.wholeMatch(in: line), let from = m.output[1].substring, let to = m.output[2].substring {
                used += [String(from), String(to)]
            } else if (try? classDef.wholeMatch(in: line)) != nil {
                continue
            } else if let m = try? classLine.wholeMatch(in: line), let names = m.output[1].substring {
                used += names.split(separator: ",").map(String.init)
            } else {
                problems.append("line \(number + 2) is outside the subset: \(line)")
            }
        }
        for name in used where !declared.contains(name) { problems.append("\(name) is not declared") }
        for name in declared where ["end", "graph", "subgraph", "class", "classDef", "style"].contains(name) {
            problems.append("\(name) is a keyword")
        }
        return problems
    }
}
