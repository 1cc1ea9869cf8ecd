/// What the build knows about itself: the Git commit it was built from, recorded by
/// the `GeneratedSources` plugin (`Plugins/GeneratedSources`) before each build.
public enum OrgTreeBuild {
    /// The abbreviated commit hash, or nil when the source was not a Git checkout.
    public static var commit: String? { recordedCommit }
}
