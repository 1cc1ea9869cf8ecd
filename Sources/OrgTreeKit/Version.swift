public enum OrgTreeVersion {
    public static let current = "0.1.0"

    /// `orgtree --version`: the version and the Git commit the build comes from.
    public static func described(commit: String?) -> String {
        "\(current) (commit \(commit ?? "unknown"))"
    }
}
