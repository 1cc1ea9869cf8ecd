import ArgumentParser
import Foundation
import OrgTreeCore
import OrgTreeKit
import OrgTreeState

/// Phase timings on standard error when ORGTREE_TIMING is set (for tuning; off by default).
enum Timing {
    static let enabled = ProcessInfo.processInfo.environment["ORGTREE_TIMING"] != nil
    nonisolated(unsafe) static var last = DispatchTime.now().uptimeNanoseconds

    static func mark(_ phase: String) {
        guard enabled else { return }
        let previous = last
        let now = DispatchTime.now().uptimeNanoseconds
        standardError(String(format: "orgtree: timing: %-28@ %.3f s\n", phase as NSString, Double(now - previous) / 1e9))
        last = now
    }
}

/// What plan and apply share: the tree, its rows for the store, the store's state, the plan.
struct StatePlanning {
    var loaded: LoadedTree
    var result: ValidationResult
    var desired: StoreSnapshot
    var treeDigest: String
    var stored: StoredState
    var plan: StorePlan

    var effective: EffectiveRowBuilder

    static func prepare(tree: String, store: StateStore, day: Day, refuseInvalid exitCode: Int32, recomputeAll: Bool = false) throws -> StatePlanning {
        // The store is read on another core while the tree is read and validated.
        let storeRead = BackgroundResult { Result { try store.read(effectiveFromRows: recomputeAll) } }
        let loaded: LoadedTree
        do { loaded = try TreeReader().read(tree) } catch { throw CommandFailure(message: error.description) }
        let result = Validator().validate(loaded.tree, readDiagnostics: loaded.diagnostics, at: day)
        Timing.mark("read and validate")
        if !result.isValid {
            let report = ValidationReport(root: tree, diagnostics: result.diagnostics, sources: loaded.sources, counts: TreeCounts(loaded.tree))
            standardError(DiagnosticRendering.text(report, palette: .plain))
            standardError("orgtree: refused: \(tree) does not validate; nothing was written\n")
            throw ExitCode(exitCode)
        }
        let desired = StoreSnapshot(tree: result.tree, engine: result.engine)
        let effective = EffectiveRowBuilder(engine: result.engine, day: day)
        Timing.mark("rows from the tree")
        let digest = Digests.tree(loaded.sources.files)
        let stored = try storeRead.value.get()
        Timing.mark("read the store (waiting for it)")
        defer { Timing.mark("plan") }
        return StatePlanning(loaded: loaded, result: result, desired: desired, treeDigest: digest, stored: stored,
                             plan: StorePlan.make(stored: stored, desired: desired, effective: effective, treeDigest: digest,
                                                  recomputeAll: recomputeAll),
                             effective: effective)
    }
}

enum StateOpening {
    static func open(_ url: String, readOnly: Bool) throws -> StateStore {
        do {
            return try StateStore(try StateURL(url), readOnly: readOnly)
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
    }
}

/// `git rev-parse --verify HEAD` in the tree's folder (the commit of the tree's Git
/// repository, when it is in one), run in a child process while the tree is read;
/// `value` waits for it.
final class GitCommitLookup {
    private let process = Process()
    private let out = Pipe()
    private let started: Bool

    init(tree: String) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", tree, "rev-parse", "--verify", "--quiet", "HEAD"]
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        started = (try? process.run()) != nil
    }

    /// The commit, or nil when the tree is not in a repository (or Git is missing).
    var value: String? {
        guard started else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what apply would change in a state store, without writing to it.",
        discussion: """
            Opens the store read-only (SQLite read-only mode; a PostgreSQL read-only
            transaction). Changes made in the store outside orgtree (drift) are listed apart
            from the tree's unapplied changes. --out writes a plan file bound to the store's
            revision and the tree's digest, for `apply --plan`.

            Examples:
              orgtree plan sample-org --state sqlite:state.db
              orgtree plan . --state postgres://orgtree@127.0.0.1:5432/access --out plan.json

            Exit codes: 0 no changes, 1 changes, 2 usage or I/O trouble.
            """
    )

    @Argument(help: "The tree folder.") var tree: String = "."
    @Option(help: "The state store: sqlite:PATH or postgres://USER@HOST:PORT/DB.") var state: String
    @Option(help: "Write the plan to this file (JSON) for `apply --plan`.") var out: String?
    @Flag(help: "Recompute every subject's effective rows and compare them with the rows the store holds (restores rows changed outside orgtree).") var recomputeAll = false
    @Option(help: "Output format: text, markdown or json.") var format: PlanFormat = .text
    @Option(help: "Evaluate token expiry on this day (YYYY-MM-DD). Default: today.") var at: String?

    func run() throws {
        let day = try CommandDay.parse(at)
        let store = try StateOpening.open(state, readOnly: true)
        Timing.mark("open the store")
        let planning = try StatePlanning.prepare(tree: tree, store: store, day: day, refuseInvalid: 2, recomputeAll: recomputeAll)
        let drift = try store.drift()
        Timing.mark("drift")
        // The effective changes, as `orgtree diff` shows them: the store's state (read back
        // as a tree, as `import` writes it) against the tree.
        let storeTree = AccessEngine(tree: SnapshotTree.tree(from: planning.stored.snapshot))
        Timing.mark("the store as a tree")
        // Assertions are tests of the tree, not state: the store does not keep them.
        let diff = TreeDiff(changes: TreeDiffer(old: storeTree, new: planning.result.engine, day: day).diff().changes.filter {
            if case .entity(let e) = $0.detail, e.kind == .assertion { return false }
            return true
        })
        Timing.mark("effective changes (diff)")
        let header = DiffHeader(old: "\(store.url) (revision \(planning.stored.revision))", new: tree, day: day)
        let storePart = PlanRendering.render(planning.plan, stored: planning.stored, drift: drift, store: store.url, format: format.rendering)
        let text: String
        switch format {
        case .json:
            text = PlanReport.json(store: storePart, diff: DiffRendering.json(diff, header))
        case .markdown:
            text = storePart + "\n" + DiffRendering.markdown(diff, header).replacingOccurrences(of: DiffRendering.marker + "\n", with: "")
        case .text:
            text = storePart + (diff.changes.isEmpty ? "" : "\nEffective changes:\n" + DiffRendering.text(diff, header, palette: Palette.forStandardOutput()))
        }
        FileHandle.standardOutput.write(Data(text.utf8))
        if let out {
            do {
                try PlanFile(plan: planning.plan, store: store.url.description, at: day.description, recomputeAll: recomputeAll).write(to: out)
            } catch {
                throw CommandFailure(message: "cannot write the plan file \(out): \(error)")
            }
        }
        if !planning.plan.isEmpty { throw ExitCode(1) }
    }
}

enum PlanFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, json
    var rendering: PlanRendering.Format {
        switch self {
        case .text: return .text
        case .markdown: return .markdown
        case .json: return .json
        }
    }
}

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make the state store match the tree, in one transaction.",
        discussion: """
            Everything is written in one database transaction under the store's lock: the
            revision goes up by one, every change gets an audit entry chained by SHA-256, new
            people are recorded as invited, new tokens get a secret (written once to
            --secrets-out, stored only as a hash), removed tokens are revoked.

            Refused (exit 1, nothing written): a tree that does not validate; a plan file
            made against another store revision or tree; removing every current owner; more
            subjects losing access than --max-removals; with --actor, changes that person may
            not make alone (only owners change owners and billing) or that take away their
            own owner or admin role.

            Examples:
              orgtree apply sample-org --state sqlite:state.db --secrets-out new-tokens.txt
              orgtree apply . --state sqlite:state.db --plan plan.json --actor ann

            Exit codes: 0 applied (or nothing to do), 1 refused, 2 usage or I/O trouble.
            """
    )

    @Argument(help: "The tree folder.") var tree: String = "."
    @Option(help: "The state store: sqlite:PATH or postgres://USER@HOST:PORT/DB.") var state: String
    @Option(help: "Apply exactly this plan file (from `plan --out`).") var plan: String?
    @Option(help: "The person applying; their permissions are checked.") var actor: String?
    @Option(help: "Refuse when more subjects than this would lose any access.") var maxRemovals: Int = 5
    @Option(help: "Write new tokens' secrets to this new file (mode 0600).") var secretsOut: String?
    @Option(help: "Seconds to wait for another apply's lock.") var lockTimeout: Double = 0
    @Flag(help: "Recompute every subject's effective rows and compare them with the rows the store holds (restores rows changed outside orgtree).") var recomputeAll = false
    @Option(help: "Evaluate token expiry on this day (YYYY-MM-DD). Default: the plan file's day, or today.") var at: String?

    func run() throws {
        // A saved plan is applied as it was made: on its day, recomputing what it recomputed.
        var saved: PlanFile?
        if let file = self.plan {
            do { saved = try PlanFile.read(from: file) } catch { throw CommandFailure(message: "cannot read the plan file \(file): \(error)") }
        }
        let day = try CommandDay.parse(at ?? saved?.at)
        let gitLookup = GitCommitLookup(tree: tree)
        let store = try StateOpening.open(state, readOnly: false)
        Timing.mark("open the store")
        let planning = try StatePlanning.prepare(tree: tree, store: store, day: day, refuseInvalid: 1,
                                                 recomputeAll: recomputeAll || saved?.recompute_all == true)
        let plan = planning.plan
        if let saved {
            if let problem = saved.mismatch(with: plan) {
                standardError("orgtree: refused: \(problem); nothing was written\n")
                throw ExitCode(1)
            }
        }
        if plan.isEmpty {
            print("No changes: \(store.url) is at revision \(planning.stored.revision) and matches the tree.")
            return
        }
        let before = try store.effectiveRows(of: plan.effective.map(\.subject) + plan.removedSubjects)
        Timing.mark("read changing subjects")
        let losing = Array(Set(ApplySafety.subjectsLosingAccess(plan: plan, before: before)
            + ApplySafety.membersLosingDefaults(plan: plan, desired: planning.desired, matrix: planning.effective.matrix))).sorted()
        let refusals = ApplySafety.check(plan: plan, stored: planning.stored, desired: planning.desired,
                                         losing: losing, maxRemovals: maxRemovals, actor: actor)
        if !refusals.isEmpty {
            for refusal in refusals { standardError("orgtree: \(refusal)\n") }
            standardError("orgtree: nothing was written\n")
            throw ExitCode(1)
        }
        if !plan.newTokens.isEmpty && secretsOut == nil {
            standardError("orgtree: refused: \(plan.newTokens.count) new token(s) (\(plan.newTokens.joined(separator: ", "))) need --secrets-out FILE to receive their secrets once; nothing was written\n")
            throw ExitCode(1)
        }
        Timing.mark("safety checks")
        let gitCommit = gitLookup.value
        Timing.mark("git commit")
        let outcome: ApplyOutcome
        do {
            outcome = try store.apply(plan, actor: actor, gitCommit: gitCommit, lockWait: lockTimeout, phase: Timing.mark) { secrets in
                guard !secrets.isEmpty, let path = secretsOut else { return }
                try SecretsFile.write(secrets, to: path)
            }
        } catch let error as StoreLockedError {
            standardError("orgtree: refused: \(error); nothing was written\n")
            throw ExitCode(1)
        } catch let error as StalePlanError {
            standardError("orgtree: refused: \(error); nothing was written\n")
            throw ExitCode(1)
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
        Timing.mark("write: commit, unlock")
        print(PlanRendering.outcome(outcome, store: store.url, secretsOut: secretsOut))
    }
}

struct Drift: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what was changed in the state store outside orgtree since the last apply.",
        discussion: """
            Compares every row of the store with what the last apply wrote.

            Example:
              orgtree drift . --state sqlite:state.db

            Exit codes: 0 no drift, 1 drift, 2 usage or I/O trouble.
            """
    )

    @Argument(help: "The tree folder (reported against the last applied tree digest).") var tree: String = "."
    @Option(help: "The state store.") var state: String

    func run() throws {
        let store = try StateOpening.open(state, readOnly: true)
        let items = try store.drift()
        let last = try store.revisions().first
        print("\(store.url): revision \(last?.number ?? 0)\(last.map { ", applied \($0.at)" + ($0.actor.map { " by \($0)" } ?? "") } ?? ", never applied")")
        if items.isEmpty {
            print("No drift: the store holds exactly what orgtree last wrote.")
            return
        }
        for item in items { print("  \(item)") }
        let effective = items.contains { $0.table == DriftItem.effectiveAccess }
        print("\(items.count) change\(items.count == 1 ? "" : "s") made outside orgtree; `orgtree apply\(effective ? " --recompute-all" : "")` will put the tree's state back.")
        throw ExitCode(1)
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a tree from a state store.",
        discussion: """
            The tree validates and `orgtree diff` finds it identical in effect to the tree
            last applied. Assertions and comments are not kept in the store.

            Example:
              orgtree import --state sqlite:state.db --out recovered-org

            Exit codes: 0 written, 2 usage or I/O trouble.
            """
    )

    @Option(help: "The state store.") var state: String
    @Option(help: "The folder to write (new or empty).") var out: String

    func run() throws {
        let store = try StateOpening.open(state, readOnly: true)
        let stored = try store.read()
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw CommandFailure(message: "\(out) is not empty; import writes into a new or empty folder")
        }
        let files = SnapshotTree.files(from: stored.snapshot)
        for file in files {
            let url = URL(fileURLWithPath: out).appendingPathComponent(file.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            } catch {
                throw CommandFailure(message: "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
        print("wrote \(files.count) files from \(store.url) (revision \(stored.revision)) to \(out)")
    }
}

struct Unlock: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release a store lock left by a process that was killed, by its id.",
        discussion: """
            Example:
              orgtree unlock --state sqlite:state.db 3f9a0c1d2e4b5a69
            """
    )

    @Option(help: "The state store.") var state: String
    @Argument(help: "The lock id, as a refused or waiting apply prints it.") var id: String

    func run() throws {
        let store = try StateOpening.open(state, readOnly: false)
        do {
            let lock = try store.unlock(id: id)
            print("released \(lock)")
        } catch let error as StoreError {
            throw CommandFailure(message: error.description)
        }
    }
}

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work with the store's audit log.",
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's SHA-256 chain.",
            discussion: "Exit codes: 0 intact, 1 broken (the first bad entry is named), 2 trouble."
        )

        @Option(help: "The state store.") var state: String

        func run() throws {
            let store = try StateOpening.open(state, readOnly: true)
            let result = try store.verifyAudit()
            if let broken = result.brokenAt {
                print("audit log of \(store.url) is broken at entry \(broken) (of \(result.entries) read): an entry was changed, removed or inserted")
                throw ExitCode(1)
            }
            print("audit log of \(store.url) is intact: \(result.entries) entries, each chained to the one before")
        }
    }
}

/// The store's state as a tree (the files `import` would write), with its access engine.
/// `plan --format json`: the store part and the diff report in one document.
enum PlanReport {
    static func json(store: String, diff: String) -> String {
        guard var object = (try? JSONSerialization.jsonObject(with: Data(store.utf8))) as? [String: Any],
              let diffObject = try? JSONSerialization.jsonObject(with: Data(diff.utf8)) else { return store }
        object["effective_changes"] = diffObject
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
