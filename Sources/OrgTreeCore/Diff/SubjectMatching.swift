/// Pairs the subjects of OLD and NEW. A person whose file moved (a new id) but whose
/// e-mail stayed the same (compared case-insensitively) is one person, renamed: their
/// access is compared across the two ids. Org people pair with org people, agency
/// people with agency people.
struct SubjectMatching: Sendable {
    /// OLD subject → NEW subject, for renamed people.
    let renamedTo: [Subject: Subject]
    /// NEW subject → OLD subject.
    let renamedFrom: [Subject: Subject]
    /// The same, as the keys written in documents (`ann`, `pixel/gus`).
    private let renamedKeys: [String: String]

    init(old: OrgTree, new: OrgTree) {
        var to: [Subject: Subject] = [:]
        let removed = Self.people(of: old).filter { !new.hasPerson($0.subject) }
        let added = Self.people(of: new).filter { !old.hasPerson($0.subject) }
        if !removed.isEmpty && !added.isEmpty { Self.pair(removed: removed, added: added, into: &to) }
        renamedTo = to
        renamedFrom = Dictionary(uniqueKeysWithValues: to.map { ($1, $0) })
        renamedKeys = Dictionary(uniqueKeysWithValues: to.map { ($0.description, $1.description) })
    }

    private static func people(of tree: OrgTree) -> [PersonDocument] {
        tree.allPeopleByPath
    }

    /// Pairs removed and added people of the same kind with the same e-mail, in id order.
    private static func pair(removed: [PersonDocument], added: [PersonDocument], into result: inout [Subject: Subject]) {
        func key(_ p: PersonDocument) -> String? {
            guard let email = p.email?.value.lowercased() else { return nil }
            if case .agencyPerson = p.subject { return "agency " + email }
            return "org " + email
        }
        var candidates: [String: [Subject]] = [:]
        for person in added.sorted(by: { $0.subject < $1.subject }) {
            if let k = key(person) { candidates[k, default: []].append(person.subject) }
        }
        for person in removed.sorted(by: { $0.subject < $1.subject }) {
            guard let k = key(person), var list = candidates[k], !list.isEmpty else { continue }
            result[person.subject] = list.removeFirst()
            candidates[k] = list
        }
    }

    /// The NEW subject for a subject of OLD.
    func newSubject(_ old: Subject) -> Subject { renamedTo.isEmpty ? old : renamedTo[old] ?? old }

    /// The OLD subject for a subject of NEW.
    func oldSubject(_ new: Subject) -> Subject { renamedFrom.isEmpty ? new : renamedFrom[new] ?? new }

    /// A subject key as written in an OLD document, in NEW's terms.
    func newKey(_ oldKey: String) -> String { renamedKeys.isEmpty ? oldKey : renamedKeys[oldKey] ?? oldKey }

    /// A bare agency person id of agency `agency` in OLD, in NEW's terms.
    func newAgencyPersonID(_ id: String, agency: String) -> String {
        guard case .agencyPerson(let a, let p)? = renamedTo[.agencyPerson(agency: agency, person: id)], a == agency else { return id }
        return p
    }
}

extension OrgTree {
    /// Whether the person or agency person is in the tree (without copying their document).
    func hasPerson(_ subject: Subject) -> Bool {
        switch subject {
        case .person(let id): return people.index(forKey: id) != nil
        case .agencyPerson(let agency, let id): return agencyPeople[agency]?.index(forKey: id) != nil
        case .token: return false
        }
    }
}
