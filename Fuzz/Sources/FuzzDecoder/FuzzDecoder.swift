import OrgTreeCore

/// One libFuzzer input: its first byte picks the file the rest of it is (the kinds a tree
/// holds), decoded with the document decoder, put in a small valid tree and validated with
/// every rule. Any crash, hang or sanitizer report is a bug: reading never traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let paths = [
        "organization.yaml", "people/ann.yaml", "people/zoe.yaml", "teams/core.yaml", "projects/shop/project.yaml",
        "projects/shop/tokens.yaml", "partners/pixel/partner.yaml", "partners/pixel/people/gus.yaml", "assertions/access.yaml",
    ]
    let path = paths[Int(data[0]) % paths.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let decoder = DocumentDecoder()
    var files = FuzzTree.base.filter { $0.key != path }.map { decoder.decode(path: $0.key, bytes: Array($0.value.utf8)) }
    files.append(decoder.decode(path: path, bytes: bytes))
    let (tree, diagnostics) = OrgTree.assemble(files)
    _ = Validator().validate(tree, readDiagnostics: diagnostics, at: FuzzTree.day)
    return 0
}

/// The tree an input's file is put into: an owner, a member, a team, a project.
enum FuzzTree {
    static let day = Day("2026-11-23")!
    static let base: [String: String] = [
        "organization.yaml": """
            id: acme
            name: Acme
            createdBy: ann
            plan:
              tier: team
              projects: 3
            roles:
              owners:
                - ann
            """,
        "people/ann.yaml": "firstName: Ann\nlastName: Lee\nemail: ann@acme.example\n",
        "people/zoe.yaml": "firstName: Zoe\nlastName: Park\nemail: zoe@acme.example\n",
        "teams/core.yaml": "name: Core\nmembers:\n  - zoe\n",
        "projects/shop/project.yaml": "name: Shop\nenvironments:\n  - production\naccess:\n  teams:\n    core: editor\n",
    ]
}

/// libFuzzer's driver (its `main` is not linked: SwiftPM names an executable's entry
/// point after its module, so the entry point hands over to the driver).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzDecoder_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, fuzzDecoder)
}
