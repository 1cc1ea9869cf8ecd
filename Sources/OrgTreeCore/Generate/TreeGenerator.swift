/// Generates synthetic, valid organization trees (layout v1) for tests and
/// benchmarks: `orgtree generate --people N --projects M --out DIR --seed S`.
///
/// The output depends only on the options: the same options give byte-identical
/// files on every run and platform (a seeded xoshiro256** generator, iteration in
/// index order only, never over `Dictionary` or `Set` order). Every generated tree
/// satisfies every rule of docs/access-model.md §7 with no error and no warning as long as it is
/// evaluated on or after `today` and before the earliest token expiry (at least
/// one year after `today`):
/// - org owners and admins never appear in `access.people`, `access.templates` or
///   teams; org people in `access.templates` are never also in `access.people`;
/// - handover agents (Slack) all have a `slackId`; Facebook analytics admins all
///   have a `facebookId` and an explicit `editor`/`owner` role (agency people: an
///   `editor` partner role) on the project;
/// - token owners are explicit project owners or org owners/admins, token
///   environments are environments of the project;
/// - agency people get a role on a project exactly when the agency activated them
///   there (so the partner handshake is always complete);
/// - team `includes` only point to teams with a lower index (no cycles).
///
/// Pure: no I/O, standard library only.
public struct TreeGenerator: Sendable {
    public struct Options: Sendable, Equatable {
        /// Number of people of the organization (at least 1 is generated).
        public var people: Int
        /// Number of projects (0 or more).
        public var projects: Int
        public var seed: UInt64
        /// `YYYY-MM-DD`: token expiry dates are picked 1–3 years after this day.
        /// Text that names no `Day` falls back to 2025-01-01.
        public var today: String

        public init(people: Int, projects: Int, seed: UInt64, today: String) {
            self.people = people
            self.projects = projects
            self.seed = seed
            self.today = today
        }
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Every file of the tree: path relative to the tree root → file text (UTF-8).
    /// Sorted by path (byte order).
    public func files() -> [(path: String, contents: String)] {
        var builder = Builder(options: options)
        builder.build()
        var out = builder.files
        out.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return out
    }
}
