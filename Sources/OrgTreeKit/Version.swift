public enum OrgTreeVersion {
    public static let current = "0.1.0"
}
