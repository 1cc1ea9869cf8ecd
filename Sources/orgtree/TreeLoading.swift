import Foundation
import OrgTreeCore
import OrgTreeKit

import ArgumentParser

enum AccessFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// Reads and checks a tree for the reporting commands. Trouble reading it is exit 2; a
/// tree with errors is still reported on, with a warning on standard error, since people
/// ask "who can" most when something is wrong.
enum TreeLoading {
    static func load(_ path: String, at day: Day) throws -> ValidationResult {
        let loaded: LoadedTree
        do {
            loaded = try TreeReader().read(path)
        } catch {
            throw CommandFailure(message: error.description)
        }
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        if !result.isValid {
            let n = result.errors.count
            standardError("orgtree: warning: \(path) has \(n) validation error\(n == 1 ? "" : "s") (see `orgtree validate`); access shown as the tree stands\n")
        }
        return result
    }

    static func subject(_ text: String, in tree: OrgTree) throws -> Subject {
        guard let subject = Subject(text) else {
            throw CommandFailure(message: "'\(text)' is not a subject; write a person (ann), an agency person (pixel/gus) or a token (token:shop/ci-deploy)")
        }
        let exists: Bool = switch subject {
        case .token(let project, let token): tree.token(project: project, id: token) != nil
        default: tree.person(subject) != nil
        }
        guard exists else {
            throw CommandFailure(message: "there is no \(subject) in the tree (\(subject.path))")
        }
        return subject
    }

    static func project(_ id: String?, in tree: OrgTree) throws -> String? {
        guard let id else { return nil }
        guard tree.projects[id] != nil else {
            throw CommandFailure(message: "there is no project '\(id)' in the tree")
        }
        return id
    }

    static func capability(_ text: String) throws -> Capability {
        guard let capability = Capability(text) else {
            throw CommandFailure(message: "'\(text)' is not a permission or token scope; known: \(Capability.allNames.joined(separator: ", "))")
        }
        return capability
    }
}

func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Buffered standard output for streamed reports.
final class OutputStream {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
