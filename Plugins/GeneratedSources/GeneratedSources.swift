import Foundation
import PackagePlugin

/// The Swift files written into a target before every build, each rewritten only when
/// its contents change, so that a build where nothing changed compiles nothing for it:
///
/// - OrgTreeBuild: the Git commit the package is built from (`OrgTreeBuild.commit`), which
///   `orgtree --version` names; nil outside a Git checkout of this package (a source
///   archive, no git).
/// - OrgTreeKit: the files `orgtree init` copies into a new repository (`BundledFiles`),
///   the JSON Schemas of `schemas/` and the workflow `examples/ci/access-review.yml`. They
///   stay where they are, the one source of their text; the binary carries them (no
///   resource bundle to install next to it).
@main
struct GeneratedSources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let (displayName, script) = target.name == "OrgTreeBuild"
            ? ("Recording the Git commit of the build", Self.commit)
            : ("Bundling the schemas and the CI workflow", Self.bundle)
        return [.prebuildCommand(
            displayName: displayName,
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", script, target.name, context.package.directoryURL.path, output.path],
            outputFilesDirectory: output
        )]
    }

    /// $1: the package's folder; $2: the folder for the generated file.
    static let commit = #"""
        set -u
        commit=nil
        top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null) && [ "$top" -ef "$1" ] &&
          hash=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) && commit="\"$hash\""
        mkdir -p "$2" || exit 1
        file="$2/BuildCommit.swift"
        printf '// Generated before each build from `git rev-parse HEAD`.\nextension OrgTreeBuild {\n    static let recordedCommit: String? = %s\n}\n' "$commit" > "$file.new" || exit 1
        if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
        """#

    /// $1: the package's folder; $2: the folder for the generated file. Each file becomes
    /// a raw string literal; an empty line before the closing delimiter keeps the file's
    /// last newline.
    static let bundle = ##"""
        set -u
        mkdir -p "$2" || exit 1
        file="$2/BundledFileTexts.swift"
        {
          printf '// Generated before each build from schemas/*.schema.json and examples/ci/access-review.yml.\n'
          printf 'extension BundledFiles {\n    static let schemaTexts: [(name: String, text: String)] = [\n'
          for schema in "$1"/schemas/*.schema.json; do
            printf '        ("%s", #"""\n' "$(basename "$schema")"
            cat "$schema"
            printf '\n"""#),\n'
          done
          printf '    ]\n\n    static let accessReviewWorkflowText = #"""\n'
          cat "$1/examples/ci/access-review.yml"
          printf '\n"""#\n}\n'
        } > "$file.new" || exit 1
        if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
        """##
}
