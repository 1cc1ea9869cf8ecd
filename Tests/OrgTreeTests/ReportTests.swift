import Foundation
import OrgTreeCore
import OrgTreeKit
import Testing

/// `report`: the site's pages for sample-org and for trees made to test it (hostile
/// names, errors, a generated tree of a few hundred people), the folder rules of --out,
/// and the site in a real browser (scripts/test-report-browser.py).
@Suite("HTML report")
struct ReportTests {
    static let day = "2026-06-01"

    /// Runs `report` on `tree` into a new folder of `folder`; the folder and the run.
    static func report(_ tree: String, in folder: TemporaryFolder, named name: String = "site") -> (site: String, run: ProcessResult) {
        let site = folder.path + "/" + name
        return (site, orgtreeInProcess(["report", tree, "--out", site, "--at", day]))
    }

    static func read(_ site: String, _ page: String) throws -> String {
        try String(contentsOfFile: site + "/" + page, encoding: .utf8)
    }

    /// Every file of a folder, relative path → bytes.
    static func files(_ folder: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder))
        while let path = enumerator.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                result[path] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + path))
            }
        }
        return result
    }

    @Test func overviewShowsTheValidationResult() throws {
        let folder = TemporaryFolder()
        let (site, run) = Self.report(Repo.path("sample-org"), in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote ") && run.stdout.contains("is valid)"))
        let overview = try Self.read(site, "index.html")
        #expect(overview.contains("<p id=\"validation-result\"><span class=\"ok\">valid</span> with 1 warning</p>"))
        #expect(overview.contains("<code>projects/internal-faq/project.yaml:12:5</code>"))
        #expect(overview.contains("<dd id=\"usage\">4 used of 4</dd>"))
        #expect(overview.contains("47 assertions, all hold"))

        // A tree with errors is reported too, every error at its place; exit 1.
        let (broken, failed) = Self.report(Repo.path("examples/broken-org"), in: folder, named: "broken")
        #expect(failed.status == 1, "\(failed.stderr)")
        let page = try Self.read(broken, "index.html")
        #expect(page.contains("<span class=\"error\">not valid</span>: 7 errors, 1 warning"))
        #expect(page.contains("<code>people/kai.yaml:1:1</code>") && page.contains("<code>team-cycle</code>"))
    }

    /// kai is editor on helpdesk through tier2 (docs/access-model.md §4); oskar's explicit
    /// none on shop is no access; the org owners share one row.
    @Test func knownMatrixCells() throws {
        let checked = try CheckedTree.read(folder: Repo.path("sample-org"), at: Day(Self.day)!)
        let report = AccessReport(checked, day: Day(Self.day)!)
        #expect(report.matrixPages.count == 1)
        let page = report.matrixPages[0]
        func cell(_ subject: String, _ project: String) throws -> MatrixCell {
            let i = try #require(report.subjects.firstIndex(of: Subject(subject)!))
            let row = try #require(page.rows.first { $0.members.contains(i) })
            return row.cells[try #require(page.projects.firstIndex(of: project))]
        }
        #expect(try cell("kai", "helpdesk") == .role(.editor))
        #expect(try cell("oskar", "shop") == .noAccess)
        #expect(try cell("mateo", "onboarding") == .role(.templateEditor))
        #expect(try cell("pixel/gus", "helpdesk") == .role(.editor))
        #expect(try cell("token:shop/ci-deploy", "shop") == .scopes([.contentRead, .contentWrite]))
        let owners = try #require(page.rows.first { $0.orgRole == .owner })
        #expect(owners.members.map { report.subjects[$0].description } == ["ann", "bruno"])

        let folder = TemporaryFolder()
        let (site, _) = Self.report(Repo.path("sample-org"), in: folder)
        let matrix = try Self.read(site, "matrix.html")
        let kaiRow = try #require(matrix.split(separator: "\n").first { $0.contains(">kai</a>") })
        #expect(kaiRow.contains("<td class=\"r-editor\">editor</td>"))
        #expect(matrix.contains("<th scope=\"col\" data-project=\"helpdesk\"><a href=\"projects/helpdesk.html\">helpdesk</a></th>"))
        #expect(matrix.contains("<label for=\"f-subject\">") && matrix.contains("<html lang=\"en\">") && matrix.contains("@media print"))
        let kai = try Self.read(site, "subjects/kai.html")
        #expect(kai.contains("<li><code>teams/tier2.yaml:8</code> includes support</li>"))
        #expect(kai.contains("<a href=\"../projects/helpdesk.html\">helpdesk</a>"))
        let emil = try Self.read(site, "subjects/emil.html")
        #expect(emil.contains("id=\"why-not\""))
        #expect(emil.contains("emil has no entry in helpdesk's access, is in none of its teams, and the default is none"))
        let shop = try Self.read(site, "projects/shop.html")
        #expect(shop.contains("<li>Relation: <span class=\"ok\">✓ done</span> active (<code>partners/pixel/partner.yaml:9</code>)</li>"))
        let hana = try Self.read(site, "subjects/pixel.hana.html")
        #expect(hana.contains("the owner of agency pixel has not activated hana on shop"))
        #expect(shop.contains("oskar is set to none on shop"))
        #expect(shop.contains("<td>+analytics.facebook</td>") && shop.contains("<code>projects/shop/project.yaml:29</code> facebookAnalytics.admins: ines"))
        #expect(FileManager.default.fileExists(atPath: site + "/subjects/token.shop.ci-deploy.html"))
        #expect(FileManager.default.fileExists(atPath: site + "/subjects/pixel.gus.html"))
    }

    /// Names from the tree are text, never markup: a `<script>` in an organization, person,
    /// project, team or agency name, and in a file name the id pattern refuses.
    @Test func hostileNamesAreEscaped() throws {
        let folder = TemporaryFolder()
        let hostile = "<script>alert('x')</script>&\"<img src=x onerror=alert(1)>"
        folder.writeTree([
            "organization.yaml": RuleExample.base["organization.yaml"]!.replacingOccurrences(of: "Acme Inc.", with: "'\(hostile.replacingOccurrences(of: "'", with: "''"))'"),
            "people/bob.yaml": "firstName: '\(hostile.replacingOccurrences(of: "'", with: "''"))'\nlastName: Stone\nemail: bob@acme.example\ntfa:\n  method: app\n",
            "projects/shop/project.yaml": "name: '\(hostile.replacingOccurrences(of: "'", with: "''"))'\nenvironments: [production]\naccess:\n  people:\n    bob: editor\n",
            "people/<b>x.yaml": "firstName: X\nlastName: Y\nemail: x@acme.example\ntfa:\n  method: app\n",
        ])
        let (site, run) = Self.report(folder.path, in: folder)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")  // the file name is an invalid id
        let pages = try Self.files(site).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 5)
        for (path, data) in pages {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("<script>alert") && !text.contains("<img") && !text.contains("<b>x"), "\(path)")
            #expect(text.components(separatedBy: "<script").count - 1 == (path.hasPrefix("matrix") ? 1 : 0), "\(path)")
        }
        let index = String(decoding: try #require(pages["index.html"]), as: UTF8.self)
        #expect(index.contains("&lt;script&gt;alert('x')&lt;/script&gt;&amp;\"&lt;img src=x onerror=alert(1)&gt;"))
        // The file whose name is no id is an error at its place, not a subject.
        #expect(index.contains("<code>people/&lt;b&gt;x.yaml:1:1</code>"))
    }

    @Test func twoRunsAreByteIdentical() throws {
        let folder = TemporaryFolder()
        let (a, _) = Self.report(Repo.path("sample-org"), in: folder, named: "a")
        let (b, _) = Self.report(Repo.path("sample-org"), in: folder, named: "b")
        let first = try Self.files(a), second = try Self.files(b)
        #expect(first.count > 30 && first.keys.sorted() == second.keys.sorted())
        for (path, data) in first { #expect(second[path] == data, "\(path)") }
    }

    /// A generated tree of 400 people: rows group subjects with the same access, each page
    /// holds at most its limits, and every subject stands in exactly one row per range of projects.
    @Test func matrixIsGroupedAndPaginated() throws {
        let folder = TemporaryFolder()
        for file in TreeGenerator(options: .init(people: 400, projects: 60, seed: 7, today: "2026-11-23")).files() {
            folder.write(file.path, file.contents)
        }
        let checked = try CheckedTree.read(folder: folder.path, at: Day("2026-11-23")!)
        #expect(checked.isValid)
        let limits = AccessReport.Limits(projectsPerPage: 20, rowsPerPage: 150, listed: 10)
        let report = AccessReport(checked, day: Day("2026-11-23")!, limits: limits)
        #expect(report.subjects.count > 400)
        var seen: [[String]: [Int]] = [:]
        for page in report.matrixPages {
            #expect(page.projects.count <= 20 && page.rows.count <= 150)
            seen[page.projects, default: []] += page.rows.flatMap(\.members)
        }
        #expect(seen.count == 3)
        for members in seen.values { #expect(members.sorted() == Array(report.subjects.indices)) }
        let firstRange = report.matrixPages.filter { $0.projects == report.matrixPages[0].projects }
        #expect(firstRange.reduce(0) { $0 + $1.rows.count } < report.subjects.count / 2)
        let biggest = report.matrixPages.map { MatrixPageRenderingProbe.bytes(report, $0) }.max() ?? 0
        #expect(biggest < 400_000)
    }

    /// --out: a folder with other files is refused and left as it is; a previous report is
    /// replaced, its pages the new one lacks removed, other files kept.
    @Test func outFolderRules() throws {
        let folder = TemporaryFolder()
        folder.write("mine/notes.txt", "keep me")
        let refused = orgtreeInProcess(["report", Repo.path("sample-org"), "--out", folder.path + "/mine", "--at", Self.day])
        #expect(refused.status == 2 && refused.stderr.contains("holds no orgtree report"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/mine") == ["notes.txt"])

        let (site, first) = Self.report(Repo.path("sample-org"), in: folder)
        #expect(first.status == 0)
        folder.write("site/notes.txt", "keep me too")
        let stale = site + "/subjects/gone.html"
        try "old".write(toFile: stale, atomically: false, encoding: .utf8)
        try (try Self.read(site, ".orgtree-report") + "subjects/gone.html\n../escape.html\n").write(toFile: site + "/.orgtree-report", atomically: false, encoding: .utf8)
        let again = orgtreeInProcess(["report", Repo.path("sample-org"), "--out", site, "--at", Self.day])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: site + "/notes.txt"))
        #expect(try !Self.read(site, ".orgtree-report").contains("gone.html"))
    }

    @Test func pageNamesAreSafe() {
        #expect(ReportPaths.subject(.person("ann")) == "subjects/ann.html")
        #expect(ReportPaths.subject(.agencyPerson(agency: "pixel", person: "gus")) == "subjects/pixel.gus.html")
        #expect(ReportPaths.subject(.token(project: "shop", token: "ci-deploy")) == "subjects/token.shop.ci-deploy.html")
        #expect(ReportPaths.subject(.person("../x")) == "subjects/_2e_2e_2fx.html")
        #expect(ReportPaths.project(String(repeating: "é", count: 100)).utf8.count < 120)
    }

    static let browserPython = ProcessInfo.processInfo.environment["ORGTREE_TEST_PYTHON"] ?? "/usr/bin/python3"
    static let browserRequired = ProcessInfo.processInfo.environment["ORGTREE_REQUIRE_BROWSER"] == "1"
    /// Chromium, its driver and Selenium (Debian's chromium, chromium-driver, python3-selenium).
    static let browserAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
              FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else { return false }
        return (try? runProcess(browserPython, ["-c", "import selenium"]).status) == 0
    }()

    /// The site of sample-org in headless Chromium; screenshots in .build/report-screenshots/.
    @Test(.enabled(if: ReportTests.browserAvailable || ReportTests.browserRequired,
                   "no chromium, chromedriver or selenium (ORGTREE_REQUIRE_BROWSER=1 makes that a failure)"))
    func siteInARealBrowser() throws {
        #expect(Self.browserAvailable, "ORGTREE_REQUIRE_BROWSER=1, but chromium, chromedriver or python3-selenium is missing")
        guard Self.browserAvailable else { return }
        let folder = TemporaryFolder()
        let (site, run) = Self.report(Repo.path("sample-org"), in: folder)
        #expect(run.status == 0)
        let browser = try runProcess(Self.browserPython, [Repo.path("scripts/test-report-browser.py"), site,
                                                          Repo.path(".build/report-screenshots")],
                                     environment: ["TMPDIR": folder.path])
        #expect(browser.status == 0 && browser.stdout == "ok\n", "\(browser.stdout)\(browser.stderr)")
    }
}

/// The size of a matrix page as written.
enum MatrixPageRenderingProbe {
    static func bytes(_ report: AccessReport, _ page: MatrixPage) -> Int {
        ReportSite.files(report).first { $0.path == page.file }?.text.utf8.count ?? 0
    }
}
