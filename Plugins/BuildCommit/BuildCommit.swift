import Foundation
import PackagePlugin

/// Writes the Git commit the package is built from into a Swift file of the target
/// (`OrgTreeBuild.commit`), before every build: `orgtree --version` names it. Outside a
/// Git checkout of this package (a source archive, no git) the commit is nil. The file
/// is rewritten only when the commit changes, so a build without a new commit compiles
/// nothing for it.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        return [.prebuildCommand(
            displayName: "Recording the Git commit of the build",
            executable: URL(fileURLWithPath: "/bin/sh"),
            arguments: ["-c", Self.script, "build-commit", context.package.directoryURL.path, output.path],
            outputFilesDirectory: output
        )]
    }

    /// $1: the package's folder; $2: the folder for the generated file.
    static let script = #"""
        set -u
        commit=nil
        top=$(git -C "$1" rev-parse --show-toplevel 2>/dev/null) && [ "$top" -ef "$1" ] &&
          hash=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) && commit="\"$hash\""
        mkdir -p "$2" || exit 1
        file="$2/BuildCommit.swift"
        printf '// Generated before each build from `git rev-parse HEAD`.\nextension OrgTreeBuild {\n    static let recordedCommit: String? = %s\n}\n' "$commit" > "$file.new" || exit 1
        if cmp -s "$file.new" "$file"; then rm -f "$file.new"; else mv "$file.new" "$file"; fi
        """#
}
