/// Which projects of a change to a subject's project access carry their provenance
/// chains (`ProjectProvenance.via`, `wasVia`): every project, as JSON lists them; or only
/// the first few, as text and markdown show them (`… and N more projects`). High-risk
/// changes keep every chain either way (their access paths are drawn as a graph). Chains
/// left out are empty: computing them is most of the cost of a diff that adds or removes
/// many people (a plan against an empty store), and nobody would see them.
public enum DiffProvenanceScope: Sendable, Equatable {
    case everyProject
    case firstProjects(Int)

    /// How many of a change's `count` projects get their chains.
    func tracedProjects(of count: Int, risk: DiffRisk) -> Int {
        switch self {
        case .everyProject: count
        case .firstProjects(let limit): risk == .high ? count : min(count, max(0, limit))
        }
    }
}
