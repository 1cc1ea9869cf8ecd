import Foundation
import OrgTreeCommands
import Testing

/// Shell completion: the scripts call orgtree back for explain's and who-can's operands
/// and `--on`, which complete the ids of the tree on the command line.
@Suite("Completion")
struct CompletionTests {
    static let tree = Repo.path("sample-org")

    /// Runs argument-parser's completion protocol as the scripts do: the words of the
    /// command line, and the one being completed (`index`, cursor at its end).
    static func complete(_ command: String, _ argument: String, words: [String]) -> [String] {
        let result = orgtreeInProcess(["---completion", command, "--", argument, String(words.count - 1),
                                       String(words.last!.count)] + words)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func scriptsCallOrgtreeForTreeIDs(shell: String) throws {
        // The executable: generating a script in process would leave argument-parser's
        // requesting shell set for the completions the other tests ask for.
        let script = try runExecutable(["--generate-completion-script", shell])
        #expect(script.status == 0)
        for hook in ["---completion explain -- positional@0", "---completion explain -- --on",
                     "---completion who-can -- positional@0", "---completion who-can -- --on"] {
            #expect(script.stdout.contains(hook), "the \(shell) script lacks \(hook)")
        }
    }

    @Test func projectsOfTheTreeOnTheCommandLine() {
        #expect(Self.complete("explain", "--on", words: ["orgtree", "explain", Self.tree, "kai", "content.write", "--on", ""])
            == ["helpdesk", "internal-faq", "onboarding", "shop"])
        #expect(Self.complete("who-can", "--on", words: ["orgtree", "who-can", Self.tree, "content.write", "--on", "h"]) == ["helpdesk"])
    }

    @Test func subjectsThenPermissions() {
        let subjects = Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, ""])
        #expect(subjects.contains("kai") && subjects.contains("pixel/gus") && subjects.contains("token:shop/ci-deploy"))
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", "--at", "2026-01-01", Self.tree, "token:s"])
            == ["token:shop/analytics-export", "token:shop/ci-deploy"])
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, "kai", "content.w"]) == ["content.write"])
        #expect(Self.complete("who-can", "positional@0", words: ["orgtree", "who-can", Self.tree, "billing.m"]) == ["billing.manage"])
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, "kai", "content.write", ""]) == [])
    }

    /// bash splits words at colons: the candidates lose what its word lacks.
    @Test func bashColons() {
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, "token", ":", "shop/c"]) == ["shop/ci-deploy"])
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, "token", ":", "shop/ci-deploy", "content:r"])
            == ["content:read"])
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", Self.tree, "token", ":", "shop/ci-deploy", "content", ":", "w"])
            == ["write"])
    }

    /// The first word may be the tree: folders holding one are offered with the subjects.
    @Test func treeFoldersFirst() {
        let prefix = Repo.path("sample-o")
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", prefix]) == [Self.tree + "/"])
    }

    @Test func noTreeCompletesNothing() {
        let folder = TemporaryFolder()
        #expect(Self.complete("explain", "--on", words: ["orgtree", "explain", folder.path, "kai", "content.write", "--on", ""]) == [])
        #expect(Self.complete("explain", "positional@0", words: ["orgtree", "explain", folder.path + "/missing", "k"]) == [])
    }
}
