import Foundation
import Testing
@testable import OrgTreeCore
import OrgTreeKit

/// The state store's rows come from the engine's answers without chains
/// (`AccessEngine.roleOnly(of:on:)` and friends). These tests hold them to the full answers
/// `explain` gives, on every subject × project of the sample tree, of generated trees and
/// of each edited tree of the diff property tests (some of them invalid on purpose).
@Suite("Roles without chains agree with the full answers")
struct AccessRoleTests {
    static var trees: [(name: String, engine: AccessEngine)] {
        var trees: [(String, AccessEngine)] = []
        let sample = try! TreeReader().read(Repo.path("sample-org"))
        trees.append(("sample-org", Validator().validate(sample.tree, readDiagnostics: sample.diagnostics, at: exampleDay).engine))
        for seed in [1, 5] {
            let files = TreeGenerator(options: .init(people: 200, projects: 20, seed: UInt64(seed), today: "2026-06-01")).files()
            trees.append(("generated, seed \(seed)", Validator().validate(texts: files.map { ($0.path, $0.contents) }, at: exampleDay).engine))
        }
        for edit in DiffPropertyTests.edits {
            let files = edit.apply(DiffPropertyTests.base)
            trees.append((edit.name, Validator().validate(texts: files.keys.sorted().map { ($0, files[$0]!) }, at: exampleDay).engine))
        }
        return trees
    }

    @Test("role, templates and permissions on every project; org role and permissions")
    func rolesAgree() {
        for (name, engine) in Self.trees {
            var pairs = 0
            for subject in engine.tree.subjects {
                if case .person(let person) = subject {
                    #expect(engine.orgRoleOnly(of: person) == engine.orgRole(of: person)?.role, "\(name): \(person)")
                    #expect(engine.orgPermissionsOnly(of: person) == engine.orgPermissions(of: subject).keys.sorted(), "\(name): \(person)")
                }
                for project in engine.tree.projectIDs {
                    let full = engine.projectAccess(of: subject, on: project)
                    let quick = engine.roleOnly(of: subject, on: project)
                    #expect(quick?.role == full.role, "\(name): \(subject) on \(project)")
                    guard let quick, full.role != nil else { continue }
                    #expect(quick == HeldRole(role: full.role!, templates: full.templates), "\(name): \(subject) on \(project)")
                    let whole = engine.permissions(from: full, of: subject, on: project).filter { $0.value.templates == nil }.keys.sorted()
                    #expect(engine.wholeProjectPermissions(quick, of: subject, on: project) == whole, "\(name): \(subject) on \(project)")
                    let all = Set(engine.permissions(from: full, of: subject, on: project).keys)
                    #expect(engine.permissionKeys(quick, of: subject, on: project) == all, "\(name): \(subject) on \(project)")
                    pairs += 1
                }
            }
            #expect(pairs > 0, "\(name): nobody holds anything")
        }
    }

    @Test("every subject's store rows equal the rows derived from the full answers")
    func storeRowsAgree() {
        for (name, engine) in Self.trees {
            let builder = EffectiveRowBuilder(engine: engine, day: exampleDay)
            for subject in engine.tree.subjects {
                #expect(builder.rows(of: subject) == builder.referenceRows(of: subject), "\(name): \(subject)")
            }
        }
    }
}
