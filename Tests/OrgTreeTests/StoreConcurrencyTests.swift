import Foundation
import Testing
import OrgTreeState

/// Two applies at once never interleave, and a killed apply leaves the store at exactly
/// the old or the new revision. Both against SQLite and PostgreSQL, with real processes.
@Suite("State stores under concurrency and crashes", .serialized)
struct StoreConcurrencyTests {
    static let day = "2026-11-23"

    static func generate(_ folder: String, people: Int, projects: Int, seed: Int) throws -> String {
        let path = folder + "/gen-\(seed)"
        let r = try runExecutable(["generate", "--people", String(people), "--projects", String(projects), "--seed", String(seed),
                                "--today", day, "--out", path])
        guard r.status == 0 else { throw TestStoreError("generate failed: \(r.stderr)") }
        return path
    }

    /// A copy of `tree` in which every person's first name is changed: many row updates.
    static func renamed(_ tree: String, prefix: String) throws -> String {
        let copy = tree + "-" + prefix.lowercased()
        try FileManager.default.copyItem(atPath: tree, toPath: copy)
        for file in try FileManager.default.contentsOfDirectory(atPath: copy + "/people") {
            let path = copy + "/people/" + file
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "firstName: ", with: "firstName: \(prefix) ").write(toFile: path, atomically: false, encoding: .utf8)
        }
        return copy
    }

    static func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Repo.executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ p: (Process, Pipe, Pipe)) -> ProcessResult {
        let out = p.1.fileHandleForReading.readDataToEndOfFile()
        let err = p.2.fileHandleForReading.readDataToEndOfFile()
        p.0.waitUntilExit()
        return ProcessResult(status: p.0.terminationStatus, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self))
    }

    @Test("eight applies at once, each waiting for the lock: each plans again once it holds it, all apply, one after the other",
          arguments: StoreKind.available)
    func queuedApplies(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let base = try Self.generate(store.tmp, people: 300, projects: 30, seed: 1)
        #expect(try runExecutable(["apply", base, "--state", store.url, "--at", Self.day, "--secrets-out", store.tmp + "/s0"]).status == 0)
        let prefixes = ["Dr", "Prof", "Sir", "Dame", "Rev", "Hon", "Capt", "Col"]
        let trees = try prefixes.map { try Self.renamed(base, prefix: $0) }
        let common = ["--state", store.url, "--at", Self.day, "--max-removals", "100000", "--lock-timeout", "120"]
        let running = try trees.enumerated().map { i, tree in try Self.start(["apply", tree] + common + ["--secrets-out", store.tmp + "/s\(i + 1)"]) }
        let results = running.map(Self.finish)
        for r in results { #expect(r.status == 0, "\(r.stderr)") }
        // Planned against revision 1, all but the first found a newer one once they held the lock.
        #expect(results.filter { $0.stderr.contains("while this one waited; planning again against it") }.count >= 1,
                "\(results.map(\.stderr))")
        #expect(try store.column("SELECT CAST(number AS TEXT) FROM revisions ORDER BY revisions.number") == (1...9).map(String.init))
        // The store holds the tree of the last revision, whichever apply that was.
        let last = try #require(try store.column("SELECT tree_digest FROM revisions WHERE number = 9").first)
        let finals = try trees.filter { tree in
            try runExecutable(["plan", tree, "--state", store.url, "--at", Self.day]).status == 0
        }
        #expect(finals.count == 1, "plans without changes: \(finals)")
        let planned = try runExecutable(["plan", try #require(finals.first), "--state", store.url, "--at", Self.day, "--format", "json"])
        #expect(planned.stdout.contains("\"tree_digest\":\"\(last)\""), "\(planned.stdout.suffix(300))")
        #expect(try store.column("SELECT COUNT(*) FROM locks") == ["0"])
        #expect(try runExecutable(["audit", "verify", "--state", store.url]).status == 0)
    }

    @Test("a saved plan is applied as reviewed or refused as stale, never planned again", arguments: StoreKind.available)
    func savedPlanGoesStale(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let base = try Self.generate(store.tmp, people: 300, projects: 30, seed: 2)
        #expect(try runExecutable(["apply", base, "--state", store.url, "--at", Self.day, "--secrets-out", store.tmp + "/s0"]).status == 0)
        let a = try Self.renamed(base, prefix: "Dr"), b = try Self.renamed(base, prefix: "Prof")
        let plan = store.tmp + "/a.plan.json"
        #expect(try runExecutable(["plan", a, "--state", store.url, "--at", Self.day, "--out", plan]).status == 1)
        #expect(try runExecutable(["apply", b, "--state", store.url, "--at", Self.day, "--max-removals", "100000"]).status == 0)
        let stale = try runExecutable(["apply", a, "--state", store.url, "--plan", plan, "--max-removals", "100000", "--lock-timeout", "5"])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("the plan was made against store revision 1, but the store is at revision 2; nothing was written"), "\(stale.stderr)")
        #expect(!stale.stderr.contains("planning again"))
    }

    @Test("a lock does not outlive its holder: after a SIGKILL the next apply takes it over, in the audit log", arguments: StoreKind.available)
    func deadHoldersLockIsTakenOver(kind: StoreKind) throws {
        var stores: [TestStore] = []
        var killedIn: TestStore?
        var tree = ""
        for attempt in 1...6 where killedIn == nil {
            let store = try TestStore(kind)
            stores.append(store)
            tree = try Self.generate(store.tmp, people: 2000, projects: 200, seed: 6)
            var blocker: Process?
            if kind == .postgres {
                // The apply's transaction waits on a table only its write reads, with the
                // lock taken: a window as wide as the blocker's sleep.
                #expect(try runExecutable(["apply", tree, "--state", store.url, "--at", Self.day,
                                           "--secrets-out", store.tmp + "/secrets-0"]).status == 0)
                tree = try Self.renamed(tree, prefix: "Dr")
                let b = Process()
                b.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                b.arguments = ["psql", "-X", "-q", store.url, "-c", "BEGIN; LOCK TABLE audit_log IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(30); COMMIT;"]
                b.standardOutput = FileHandle.nullDevice
                try b.run()
                blocker = b
                Thread.sleep(forTimeInterval: 1)
            }
            defer { blocker?.terminate(); blocker?.waitUntilExit() }
            let p = try Self.start(["apply", tree, "--state", store.url, "--at", Self.day, "--max-removals", "100000",
                                    "--secrets-out", store.tmp + "/secrets-\(attempt)"])
            // Killed while it holds the lock (its row is there), before it commits.
            let deadline = Date().addingTimeInterval(60)
            while p.0.isRunning, Date() < deadline, (try? store.column("SELECT COUNT(*) FROM locks")) != ["1"] {
                Thread.sleep(forTimeInterval: 0.01)
            }
            if p.0.isRunning { kill(p.0.processIdentifier, SIGKILL) }
            _ = Self.finish(p)
            if (try? store.column("SELECT COUNT(*) FROM locks")) == ["1"] { killedIn = store }
        }
        let store = try #require(killedIn, "no apply was killed while holding the lock")
        let stale = try #require(try store.column("SELECT id FROM locks").first)
        let r = try runExecutable(["apply", tree, "--state", store.url, "--at", Self.day, "--max-removals", "100000",
                                   "--secrets-out", store.tmp + "/secrets-after"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("orgtree: took over the store's lock \(stale) held by"), "\(r.stderr)")
        #expect(try store.column("SELECT COUNT(*) FROM locks") == ["0"])
        #expect(try store.column("""
            SELECT action FROM audit_log WHERE revision = (SELECT MAX(number) FROM revisions) ORDER BY seq LIMIT 1
            """) == ["take-over-lock"])
        #expect(try runExecutable(["audit", "verify", "--state", store.url]).status == 0)
    }

    @Test("SIGKILL during apply leaves the old or the new revision, never a mix", arguments: StoreKind.available)
    func killedApplies(kind: StoreKind) throws {
        let store = try TestStore(kind)
        let first = try Self.generate(store.tmp, people: 2000, projects: 200, seed: 4)
        let second = try Self.renamed(first, prefix: "Dr")
        var outcomes: [String] = []
        for (target, tree) in [(1, first), (2, second)] {
            var delay = 0.05
            var done = false
            var attempt = 0
            while !done {
                attempt += 1
                let killing = attempt <= 8
                let p = try Self.start(["apply", tree, "--state", store.url, "--at", Self.day, "--max-removals", "100000",
                                        "--secrets-out", store.tmp + "/secrets-\(target)-\(attempt)"])
                if killing {
                    Thread.sleep(forTimeInterval: delay)
                    kill(p.0.processIdentifier, SIGKILL)
                }
                let r = Self.finish(p)
                delay *= 1.6
                // A lock left by the killed process is released by its id, as a person would.
                // (A kill during the very first migration leaves no tables at all: rolled back.)
                let migrated = (try? store.column("SELECT COUNT(*) FROM orgtree_schema")) != nil
                if migrated, let id = try store.column("SELECT id FROM locks").first {
                    #expect(try runExecutable(["unlock", "--state", store.url, id]).status == 0)
                }
                let revision = migrated
                    ? Int(try store.column("SELECT CAST(COALESCE(MAX(number), 0) AS TEXT) FROM revisions").first ?? "0") ?? -1 : 0
                #expect(revision == target - 1 || revision == target, "revision \(revision) after a kill aiming at \(target)")
                if revision == target {
                    // Exactly the new state: nothing left to apply, audit intact.
                    let plan = try runExecutable(["plan", tree, "--state", store.url, "--at", Self.day])
                    #expect(plan.status == 0, "\(plan.stdout)")
                    done = true
                    outcomes.append("\(target): applied on attempt \(attempt) (\(r.status == 0 ? "finished" : "killed after commit"))")
                } else if target == 1 {
                    // Exactly the old (empty) state.
                    if migrated {
                        #expect(try store.column("SELECT COUNT(*) FROM people") == ["0"])
                        #expect(try store.column("SELECT COUNT(*) FROM effective_permissions") == ["0"])
                    }
                } else {
                    let plan = try runExecutable(["plan", first, "--state", store.url, "--at", Self.day])
                    #expect(plan.status == 0, "the store is not exactly at revision 1 after a kill")
                }
                #expect(try runExecutable(["audit", "verify", "--state", store.url]).status == 0)
                if !killing { #expect(r.status == 0, "\(r.stderr)") }
            }
        }
        #expect(outcomes.count == 2, "\(outcomes)")
    }
}
