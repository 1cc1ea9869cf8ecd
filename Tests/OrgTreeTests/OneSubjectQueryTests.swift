import Foundation
import Testing
@testable import OrgTreeCore
import OrgTreeKit

/// The questions about one subject (`explain`, `effective --person`, `who-can --on`) skip
/// work: only the rules that report errors run, one subject's indexes are built instead of
/// everyone's, and subjects whose role (found without chains) cannot give a permission are
/// passed over. These tests hold each shortcut to the full computation on the sample tree,
/// generated trees, the edited trees of the diff property tests (some invalid on purpose)
/// and every rule's examples.
@Suite("One-subject questions agree with the full computations")
struct OneSubjectQueryTests {
    /// Trees as files: generated, edited, and each rule's examples (most of them invalid).
    static var texts: [(name: String, files: [(path: String, text: String)])] {
        var trees: [(String, [(path: String, text: String)])] = []
        for seed in [1, 5] {
            let files = TreeGenerator(options: .init(people: 200, projects: 20, seed: UInt64(seed), today: "2026-06-01")).files()
            trees.append(("generated, seed \(seed)", files.map { ($0.path, $0.contents) }))
        }
        for edit in DiffPropertyTests.edits {
            let files = edit.apply(DiffPropertyTests.base)
            trees.append((edit.name, files.keys.sorted().map { ($0, files[$0]!) }))
        }
        for rule in RuleRegistry.descriptions {
            for (index, example) in rule.triggering.enumerated() {
                trees.append(("\(rule.name.rawValue) triggering \(index)", example.tree))
            }
            for (index, example) in rule.nonTriggering.enumerated() {
                trees.append(("\(rule.name.rawValue) non-triggering \(index)", example.tree))
            }
        }
        return trees
    }

    @Test("each tree rule reports diagnostics of its own name only, so of one severity")
    func rulesReportTheirOwnName() {
        for (name, files) in Self.texts {
            let result = Validator().validate(texts: files, at: exampleDay)
            let context = RuleContext(tree: result.tree, engine: result.engine, day: exampleDay)
            for rule in Validator().rules {
                let own = type(of: rule).description.name
                for diagnostic in rule.check(context) {
                    #expect(diagnostic.rule == own, "\(name): \(own.rawValue) reported \(diagnostic)")
                }
            }
        }
    }

    @Test("the error rules alone find every error a whole validation finds; warnings only those found while reading")
    func errorRulesFindEveryError() throws {
        var invalid = 0
        func compare(_ name: String, _ full: ValidationResult, _ quick: ValidationResult) {
            #expect(quick.errors == full.errors, "\(name)")
            #expect(Set(quick.diagnostics).isSubset(of: full.diagnostics), "\(name)")
            #expect(quick.errorCount == full.errorCount, "\(name)")
            #expect(quick.isValid == full.isValid, "\(name)")
            if !full.isValid { invalid += 1 }
        }
        for (name, files) in Self.texts {
            compare(name, Validator().validate(texts: files, at: exampleDay),
                    Validator.errorRulesOnly().validate(texts: files, at: exampleDay))
        }
        let sample = try TreeReader().read(Repo.path("sample-org"))
        compare("sample-org", Validator().validate(sample.tree, readDiagnostics: sample.diagnostics, at: exampleDay),
                Validator.errorRulesOnly().validate(sample.tree, readDiagnostics: sample.diagnostics, at: exampleDay))
        #expect(invalid > 20, "too few invalid trees to compare on")
        #expect(Validator.errorRulesOnly().rules.count < Validator().rules.count)
    }

    @Test("one subject's access from its own indexes equals its access from everyone's")
    func oneSubjectMatrix() {
        for (name, engine) in AccessRoleTests.trees {
            let everyone = AccessMatrix(engine: engine)
            let someProject = engine.tree.projectIDs.first ?? "none"
            for subject in engine.tree.subjects {
                let own = AccessMatrix(engine: engine, for: [subject])
                #expect(Self.describe(own.access(of: subject, at: exampleDay)) == Self.describe(everyone.access(of: subject, at: exampleDay)),
                        "\(name): \(subject)")
                #expect(Self.describe(own.access(of: subject, on: someProject, at: exampleDay))
                        == Self.describe(everyone.access(of: subject, on: someProject, at: exampleDay)), "\(name): \(subject) on \(someProject)")
                #expect(own.specificProjects(of: subject) == everyone.specificProjects(of: subject), "\(name): \(subject)")
            }
        }
    }

    @Test("who-can's holders equal those of every subject's full answer on every project")
    func holdersAgree() {
        for (name, engine) in AccessRoleTests.trees {
            // Brute force: every subject's full access and permissions on every project.
            var expected: [ProjectPermission: [String]] = [:]
            for projectID in engine.tree.projectIDs {
                for subject in engine.tree.subjects {
                    if case .token = subject { continue }
                    let access = engine.projectAccess(of: subject, on: projectID)
                    guard let role = access.role else { continue }
                    let permissions = engine.permissions(from: access, of: subject, on: projectID)
                    let held = engine.roleOnly(of: subject, on: projectID)!
                    for permission in ProjectPermission.allCases {
                        #expect(engine.gives(permission, held, to: subject, on: projectID) == (permissions[permission] != nil),
                                "\(name): \(subject) \(permission.rawValue) on \(projectID)")
                        guard let grant = permissions[permission] else { continue }
                        expected[permission, default: []].append(Self.describe(Holder(
                            subject: subject, project: projectID, role: role.rawValue, chain: grant.chains[0],
                            templates: grant.templates, environment: nil)))
                    }
                }
            }
            var found = 0
            for permission in ProjectPermission.allCases {
                let holders = engine.holders(of: .project(permission), on: nil, at: exampleDay)
                #expect(holders.map(Self.describe).sorted() == (expected[permission] ?? []).sorted(), "\(name): \(permission.rawValue)")
                found += holders.count
                if let project = engine.tree.projectIDs.last {
                    let one = engine.holders(of: .project(permission), on: project, at: exampleDay)
                    #expect(one.map(Self.describe) == holders.filter { $0.project == project }.map(Self.describe), "\(name): \(permission.rawValue) on \(project)")
                }
            }
            #expect(found > 0, "\(name): nobody holds anything")
        }
    }

    static func describe(_ h: Holder) -> String {
        "\(h.subject) \(h.project ?? "-") \(h.role) \(h.chain) \(h.templates ?? ["whole project"]) \(h.environment?.rawValue ?? "-")"
    }

    /// Every field, sets sorted.
    static func describe(_ a: SubjectAccess) -> String {
        var lines = ["\(a.subject) \(a.orgRole?.rawValue ?? "-") \(a.orgRoleChain.map(\.description) ?? "-")"]
        for (permission, chains) in a.orgPermissions { lines.append("org \(permission.rawValue) \(chains)") }
        for p in a.projects {
            lines.append("project \(p.project) \(p.role.rawValue) \(p.templates) \(p.chains)")
            for (permission, grant) in p.permissions { lines.append("  \(permission.rawValue) \(grant.chains) \(grant.templates ?? [])") }
        }
        for b in a.elsewhere {
            lines.append("elsewhere \(b.role.rawValue) \(b.source.rawValue) \(b.group) \(b.excluded.sorted()) \(b.chain.map(\.description) ?? "-")")
        }
        if let t = a.token {
            lines.append("token \(t.project) \(t.environment?.rawValue ?? "-") \(t.expires.map(\.description) ?? "-") \(t.declared) \(t.scopes.map { "\($0.scope.rawValue) \($0.chains)" }) \(t.suspended)")
        }
        return lines.joined(separator: "\n")
    }
}
