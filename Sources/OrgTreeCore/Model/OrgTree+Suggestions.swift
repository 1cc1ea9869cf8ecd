extension OrgTree {
    /// "; did you mean 'NAME'?" for a subject the tree does not have: the closest subject
    /// of its kind, or the agency person or person of the same bare id (`hana` for
    /// `pixel/hana`); "" when none is close.
    public func didYouMean(subject: Subject) -> String {
        let written = subject.description
        switch subject {
        case .person(let id), .agencyPerson(_, let id):
            let agencyNames = agencyPeople.keys.sorted().flatMap { agency in
                agencyPeople[agency]!.keys.sorted().map { "\(agency)/\($0)" }
            }
            let sameID = (personIDs + agencyNames).filter { $0 != written && $0.split(separator: "/").last.map(String.init) == id }
            if sameID.count == 1 { return "; did you mean '\(sameID[0])'?" }
            if case .person = subject { return Suggestion.didYouMean(id, among: personIDs) }
            return Suggestion.didYouMean(written, among: agencyNames)
        case .token:
            let names = tokens.keys.sorted().flatMap { project in tokens[project]!.map(\.subject.description).sorted() }
            return Suggestion.didYouMean(written, among: names)
        }
    }
}
