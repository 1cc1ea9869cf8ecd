import Foundation
import OrgTreeCore
import OrgTreeYAML

/// Shell completion of ids from a tree (`explain`, `who-can`): what the tree's file names
/// say, and the token names of its tokens.yaml files. Fast (no validation) and silent: a
/// missing or broken tree completes nothing.
public enum TreeCompletion {
    /// Which word of `[TREE] SUBJECT PERMISSION` (explain) or `[TREE] PERMISSION` (who-can)
    /// a shell is completing.
    public enum Operand: Sendable, Equatable {
        case subject
        case permission
    }

    /// What a shell asks to complete: the tree the command line names (the current
    /// folder unless its first positional is a folder), and which operand the word at
    /// `index` is (nil: none left).
    public struct Request: Sendable, Equatable {
        public var tree: String
        public var operand: Operand?
        /// The first positional: a tree folder or the first operand.
        public var isFirst: Bool
        /// What the word being completed holds before the shell's word: bash splits words
        /// at colons, so `token:shop/ci` arrives as `token`, `:`, `shop/ci`.
        public var dropped = ""
    }

    /// Reads the positionals after the subcommand `command` (options and their values
    /// skipped; `valued` names the options that take a value), `operands` in order after
    /// the optional tree.
    public static func request(_ words: [String], index: Int, command: String, operands: [Operand] = [],
                               valued: Set<String> = []) -> Request {
        let (words, index, dropped) = joiningColons(words, index: index)
        var positionals: [String] = []
        var position: Int?
        var i = (words.firstIndex(of: command) ?? 0) + 1
        while i < min(words.count, index + 1) {
            let word = words[i]
            if i == index {
                position = positionals.count
            } else if valued.contains(word) {
                i += 1
            } else if !word.hasPrefix("-") {
                positionals.append(word)
            }
            i += 1
        }
        let tree = positionals.first.flatMap { TreeSource.isFolder($0) ? $0 : nil }
        guard let position else { return Request(tree: tree ?? ".", operand: nil, isFirst: false) }
        let at = tree == nil ? position : position - 1
        return Request(tree: tree ?? ".", operand: at < operands.count ? operands[at] : nil, isFirst: position == 0,
                       dropped: dropped)
    }

    /// The words with every `:` joined to its neighbours, the index of the word at
    /// `index` among them, and what that joined word holds before the original one.
    static func joiningColons(_ words: [String], index: Int) -> (words: [String], index: Int, dropped: String) {
        var out: [String] = []
        var (at, dropped, joining) = (index, "", false)
        for (i, word) in words.enumerated() {
            if (word == ":" || joining) && !out.isEmpty {
                if i == index { (at, dropped) = (out.count - 1, out[out.count - 1]) }
                out[out.count - 1] += word
                joining = word == ":"
            } else {
                if i == index { at = out.count }
                out.append(word)
            }
        }
        return (out, at, dropped)
    }

    /// The completions of `request` for the shell's word `prefix`: its operand's values,
    /// and for the first positional also the folders next to it that hold a tree.
    public static func complete(_ request: Request, prefix: String) -> [String] {
        var out: [String] = []
        switch request.operand {
        case .subject: out = subjects(in: request.tree)
        case .permission: out = Capability.allNames
        case nil: break
        }
        if request.isFirst { out += folders(holdingTrees: request.dropped + prefix) }
        return out.filter { $0.hasPrefix(request.dropped + prefix) }.map { String($0.dropFirst(request.dropped.count)) }.sorted()
    }

    /// The project ids of `tree`: folders of projects/ with a project.yaml.
    public static func projects(in tree: String) -> [String] {
        names(in: tree + "/projects").filter { exists(tree + "/projects/\($0)/project.yaml") }
    }

    /// The environments a project may have.
    public static var environments: [String] { Environment.allCases.map(\.rawValue) }

    /// People, agency people (`agency/person`) and tokens (`token:project/token`).
    public static func subjects(in tree: String) -> [String] {
        var out = yamlStems(in: tree + "/people")
        for agency in names(in: tree + "/partners") {
            out += yamlStems(in: tree + "/partners/\(agency)/people").map { "\(agency)/\($0)" }
        }
        for project in projects(in: tree) {
            out += tokens(in: tree + "/projects/\(project)/tokens.yaml").map { "token:\(project)/\($0)" }
        }
        return out
    }

    /// The keys under `tokens:` of a tokens.yaml, if it reads.
    static func tokens(in file: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: file),
              case .success(let root?) = YAMLReader().read(Array(data)),
              case .mapping(let pairs, _) = root.content,
              let list = pairs.first(where: { $0.key.scalar?.text == "tokens" })?.value,
              case .mapping(let tokens, _) = list.content else { return [] }
        return tokens.compactMap { $0.key.scalar?.text }.filter(Identifier.isValid)
    }

    /// Folders next to the word being typed that hold an organization.yaml, with a `/`.
    static func folders(holdingTrees prefix: String) -> [String] {
        let parent = prefix.contains("/") ? String(prefix[...prefix.lastIndex(of: "/")!]) : ""
        return names(in: parent.isEmpty ? "." : parent).map { parent + $0 }
            .filter { exists($0 + "/organization.yaml") }.map { $0 + "/" }
    }

    /// Entries of a folder with a valid id as name, sorted; none when it cannot be read.
    private static func names(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(Identifier.isValid).sorted()
    }

    private static func yamlStems(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.filter(Identifier.isValid).sorted()
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
