import Foundation
import Testing
import OrgTreeCore
@testable import OrgTreeKit

/// A file or folder of the tree swapped for a link out of the tree while the tree is read
/// is reported, never read: the reader opens what the walk checked, and checks what it
/// opened. Every test puts a unique marker in the files outside the tree and checks that
/// it appears nowhere in what reading gives (diagnostics, source texts, the model).
@Suite("Race-free tree reading")
struct RaceFreeReadingTests {
    /// A tree with `count` people, and outside it a folder whose YAML files hold a marker.
    struct Setup {
        let tree = TemporaryFolder()
        let outside = TemporaryFolder()
        let marker = "secret-" + UUID().uuidString

        init(people count: Int = 20) {
            tree.writeTree()
            for i in 0..<count { tree.write("people/\(Self.id(i)).yaml", Self.person(Self.id(i))) }
            outside.write("secret.yaml", "firstName: \(marker)\nlastName: \(marker)\nemail: x@\(marker).example\n")
            outside.write("shop/project.yaml", "name: \(marker)\n")
        }

        static func id(_ i: Int) -> String { "p-" + String(format: "%03d", i) }

        /// people/carl.yaml, a link inside the tree to shared/carl.yaml.
        func linkCarl() throws {
            tree.write("shared/carl.yaml", Self.person("carl"))
            try FileManager.default.createSymbolicLink(atPath: tree.path + "/people/carl.yaml", withDestinationPath: "../shared/carl.yaml")
        }

        static func person(_ id: String) -> String {
            "firstName: First-\(id)\nlastName: Last\nemail: \(id)@acme.example\ntfa: {method: app}\n"
        }

        var secret: String { outside.path + "/secret.yaml" }

        /// Where the marker shows in what was read, if anywhere.
        func leaks(_ loaded: LoadedTree) -> [String] {
            loaded.diagnostics.map(\.description).filter { $0.contains(marker) }
                + loaded.sources.files.filter { String(decoding: $0.bytes, as: UTF8.self).contains(marker) }.map(\.path)
                + loaded.tree.people.values.map { "\($0)" }.filter { $0.contains(marker) }
        }

        func reported(_ loaded: LoadedTree, _ path: String) -> [Diagnostic] {
            loaded.diagnostics.filter { $0.rule == .unsafeYAML && $0.location.file == path }
        }
    }

    /// Replaces `path` with a link to `target`, atomically (a link made aside, renamed over).
    static func replaceWithLink(_ path: String, to target: String) {
        let aside = path + ".new-link"
        #expect(symlink(target, aside) == 0)
        #expect(rename(aside, path) == 0)
    }

    // MARK: Between the walk and the read

    @Test func aFileReplacedByALinkOutOfTheTreeAfterTheWalkIsReportedNotRead() throws {
        let setup = Setup()
        let reader = TreeReader()
        let walked = try reader.walk(setup.tree.path)
        Self.replaceWithLink(setup.tree.path + "/people/p-003.yaml", to: setup.secret)
        let loaded = reader.read(setup.tree.path, walked: walked)
        #expect(setup.leaks(loaded).isEmpty)
        #expect(loaded.tree.people["p-003"] == nil)
        #expect(loaded.tree.people["p-004"]?.firstName?.value == "First-p-004")
        let reported = setup.reported(loaded, "people/p-003.yaml")
        #expect(reported.map(\.location) == [SourceLocation(file: "people/p-003.yaml", line: 1, column: 1)])
        #expect(reported.first?.message.contains("changed while the tree was being read") == true)
        #expect(reported.first?.message.contains("run the command again") == true)
    }

    @Test func aFileReplacedByAnotherFileAfterTheWalkIsReported() throws {
        let setup = Setup()
        let reader = TreeReader()
        let walked = try reader.walk(setup.tree.path)
        // Moved in over it: another file (another inode) under the same name.
        setup.tree.write("people/.incoming", Setup.person("p-005"))
        #expect(rename(setup.tree.path + "/people/.incoming", setup.tree.path + "/people/p-005.yaml") == 0)
        let loaded = reader.read(setup.tree.path, walked: walked)
        #expect(loaded.tree.people["p-005"] == nil)
        #expect(setup.reported(loaded, "people/p-005.yaml").count == 1)
    }

    /// The walk examines one file of a folder (`fstatat`) and knows the others from the
    /// folder's listing (type and inode number): a file replaced by another is reported
    /// whichever way it was known.
    @Test func everyFileOfAFolderReplacedAfterTheWalkIsReported() throws {
        let setup = Setup(people: 30)
        let reader = TreeReader()
        let walked = try reader.walk(setup.tree.path)
        let people = walked.files.filter { $0.path.hasPrefix("people/") }
        #expect(people.count == 30 + RuleExample([:]).tree.filter { $0.path.hasPrefix("people/") }.count)
        for entry in people {
            let name = String(entry.path.dropFirst("people/".count))
            setup.tree.write("people/.incoming", "firstName: \(setup.marker)\nlastName: L\nemail: x@acme.example\ntfa: {method: app}\n")
            #expect(rename(setup.tree.path + "/people/.incoming", setup.tree.path + "/people/" + name) == 0)
        }
        let loaded = reader.read(setup.tree.path, walked: walked)
        #expect(loaded.tree.people.isEmpty)
        for entry in people { #expect(setup.reported(loaded, entry.path).count == 1, "\(entry.path) was not reported") }
        #expect(!loaded.diagnostics.contains { $0.description.contains(setup.marker) })
    }

    /// A file mounted over a name of the tree has another identity than the listing shows:
    /// it is read, not reported, when the system lists that path among its mount points.
    @Test func mountPointsAreReadFromTheSystemsList() {
        let list = """
            22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/vda rw
            35 22 0:5 / /proc rw,nosuid - proc proc rw
            90 22 8:1 /src/override.yaml /srv/tree/people/ann.yaml rw - ext4 /dev/vda rw
            91 22 8:1 /src/x.yaml /srv/my\\040tree/people/a\\134b.yaml rw - ext4 /dev/vda rw
            """
        let points = MountPoints(mountinfo: list)
        for path in ["/", "/proc", "/srv/tree/people/ann.yaml", "/srv/my tree/people/a\\b.yaml"] {
            #expect(points.contains(path), "\(path)")
        }
        for path in ["/srv/tree/people/bob.yaml", "/srv/my\\040tree/people/a\\134b.yaml", "/src/override.yaml"] {
            #expect(!points.contains(path), "\(path)")
        }
        #expect(!MountPoints(mountinfo: "").contains("/"))
        #if os(Linux)
        #expect(MountPoints.current().contains("/"))
        #expect(MountPoints.current().contains("/proc"))
        #endif
    }

    /// Files mounted over names of the tree from the tree's own file system (bind mounts of
    /// single files, as `docker run -v FILE:…` makes) are read, not reported: the folder's
    /// listing shows the names' own inodes, but the system lists the paths as mount points.
    /// Every file but the one the walk examines (the first in the listing) is mounted over,
    /// so that the others are known from the listing. Mounting needs root and a system
    /// that allows it; elsewhere the test does nothing (and fails if ORGTREE_REQUIRE_MOUNT=1).
    @Test(.enabled(if: geteuid() == 0, "mounting needs root"))
    func filesMountedOverNamesOfTheTreeAreRead() throws {
        let setup = Setup(people: 8)
        let people = setup.tree.path + "/people"
        var listed: [String] = []
        let folder = try #require(opendir(people))
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".yaml") { listed.append(name) }
        }
        closedir(folder)
        var mounted: [String] = []
        defer { for path in mounted { _ = try? runProcess("/bin/umount", [path]) } }
        for name in listed.dropFirst() {
            let id = String(name.dropLast(".yaml".count))
            let source = setup.outside.path + "/mounted-" + name
            try "firstName: Mounted-\(id)\nlastName: Last\nemail: \(id)@acme.example\ntfa: {method: app}\n"
                .write(toFile: source, atomically: true, encoding: .utf8)
            let mount = try runProcess("/bin/mount", ["--bind", source, people + "/" + name])
            guard mount.status == 0 else {
                // Root in a container without the right to mount: nothing to test here,
                // unless the run asks for it (ORGTREE_REQUIRE_MOUNT=1).
                #expect(ProcessInfo.processInfo.environment["ORGTREE_REQUIRE_MOUNT"] != "1", "cannot bind-mount a file: \(mount.stderr)")
                return
            }
            mounted.append(people + "/" + name)
        }
        #expect(mounted.count == listed.count - 1)
        let loaded = try TreeReader().read(setup.tree.path)
        #expect(!loaded.diagnostics.contains { $0.rule == .unsafeYAML }, "\(loaded.diagnostics)")
        for name in listed.dropFirst() {
            let id = String(name.dropLast(".yaml".count))
            #expect(loaded.tree.people[id]?.firstName?.value == "Mounted-\(id)", "\(name)")
        }
    }

    @Test func yamlFilesAreKnownByTheirEndingInAnyCase() {
        for name in ["a.yaml", "X.YAML", "b.Yml", "c.yAmL", "d.yml", "é.yaml", "a.b.yaml"] {
            #expect(TreeWalk.isYAML(name), "\(name)")
        }
        for name in ["yaml", "a.yaml.txt", "a.yam", "a-yaml", "a.yaml ", "a.ymll", "a.\u{130}ml", "a.y\u{212A}ml", "a.YAMLY"] {
            #expect(!TreeWalk.isYAML(name), "\(name)")
        }
    }

    @Test func aFolderOnTheWayReplacedByALinkOutOfTheTreeIsReportedNotRead() throws {
        let setup = Setup()
        let reader = TreeReader()
        let walked = try reader.walk(setup.tree.path)
        // `projects` itself becomes a link: a file's last name and its folder's last name
        // are not links, yet the path to them now leads out of the tree.
        #expect(rename(setup.tree.path + "/projects", setup.tree.path + "/.projects-moved") == 0)
        #expect(symlink(setup.outside.path, setup.tree.path + "/projects") == 0)
        let loaded = reader.read(setup.tree.path, walked: walked)
        #expect(setup.leaks(loaded).isEmpty)
        #expect(loaded.tree.projects.isEmpty)
        #expect(setup.reported(loaded, "projects/shop/project.yaml").count == 1)
    }

    @Test func aLinkInsideTheTreeWhoseTargetIsSwappedAfterTheWalkIsReportedNotRead() throws {
        let setup = Setup()
        try setup.linkCarl()
        let reader = TreeReader()
        let walked = try reader.walk(setup.tree.path)
        Self.replaceWithLink(setup.tree.path + "/shared/carl.yaml", to: setup.secret)
        let loaded = reader.read(setup.tree.path, walked: walked)
        #expect(setup.leaks(loaded).isEmpty)
        #expect(loaded.tree.people["carl"] == nil)
        #expect(setup.reported(loaded, "people/carl.yaml").count == 1)
    }

    @Test func aFileReadAfterAnUnchangedWalkIsRead() throws {
        let setup = Setup()
        try setup.linkCarl()
        let reader = TreeReader()
        let loaded = reader.read(setup.tree.path, walked: try reader.walk(setup.tree.path))
        #expect(loaded.tree.people["carl"]?.firstName?.value == "First-carl")
        #expect(loaded.tree.people.count == 20 + 1 + RuleExample([:]).tree.filter { $0.path.hasPrefix("people/") }.count)
        #expect(!loaded.diagnostics.contains { $0.rule == .unsafeYAML })
    }

    // MARK: While the tree is read, again and again

    /// Swaps files of the tree, in a loop on a thread of its own, between the real file
    /// and a link to the secret outside, each state held for a moment: the real file is
    /// kept aside under a second name (a hard link, so it keeps its identity) and renamed
    /// back, so that each name always exists and the folder never gains or loses a name.
    final class Swapper: @unchecked Sendable {
        private let lock = NSLock()
        private var stopping = false
        private var count = 0
        private let done = DispatchSemaphore(value: 0)

        var swaps: Int { lock.withLock { count } }

        func start(_ paths: [String], secret: String, aside: String) {
            Thread.detachNewThread { [self] in
                let keep = paths.indices.map { aside + "/keep-\($0)" }, link = paths.indices.map { aside + "/link-\($0)" }
                while !lock.withLock({ stopping }) {
                    for i in paths.indices {
                        guard Foundation.link(paths[i], keep[i]) == 0, symlink(secret, link[i]) == 0 else { continue }
                        _ = rename(link[i], paths[i])
                    }
                    usleep(300)
                    for i in paths.indices { _ = rename(keep[i], paths[i]) }
                    usleep(300)
                    lock.withLock { count += 1 }
                }
                done.signal()
            }
        }

        func stop() {
            lock.withLock { stopping = true }
            done.wait()
        }
    }

    @Test func filesSwappedForLinksOutOfTheTreeWhileItIsReadAreReadOrReportedNeverLeaked() throws {
        let setup = Setup(people: 150)
        let aside = setup.tree.path + "/.swap"
        try FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: true)
        let swapped = [3, 70, 149].map(Setup.id)
        let swapper = Swapper()
        swapper.start(swapped.map { setup.tree.path + "/people/\($0).yaml" }, secret: setup.secret, aside: aside)
        var reads = 0, reported = 0
        while reads < 200 || swapper.swaps < 200 {
            let loaded = try TreeReader().read(setup.tree.path)
            reads += 1
            let leaks = setup.leaks(loaded)
            for id in swapped {
                let path = "people/\(id).yaml"
                if let person = loaded.tree.people[id] {
                    #expect(person.firstName?.value == "First-\(id)")
                    #expect(setup.reported(loaded, path).isEmpty)
                } else {
                    #expect(setup.reported(loaded, path).count == 1, "\(path) neither read nor reported: \(loaded.diagnostics)")
                    reported += 1
                }
            }
            #expect(leaks.isEmpty, "the marker was read: \(leaks)")
            if !leaks.isEmpty { break }
        }
        swapper.stop()
        #expect(swapper.swaps >= 200)
        #expect(reported > 0, "no read met a swapped file: the test did not race")
    }
}
