/// The generated tree before it is written: the model's roles, permissions, environments,
/// scopes, days and subjects, with people, teams, projects and agencies referring to each
/// other by index (their ids are written from the indices).
extension TreeGenerator {
    /// The file of an org person or an agency person.
    struct Person {
        var firstName: String
        var lastName: String
        var email: String
        var mobile: String?  // set ⇔ tfa method sms
        var slackId: String?
        var facebookId: String?
        var jobTitle: String?
    }

    struct Team {
        var id: String
        var name: String
        var members: [Int]  // org person indices, ascending
        var includes: [Int]  // team indices, ascending, all lower than this team's
    }

    /// An entry of a project's `access.templates`.
    struct TemplateGrant {
        var person: Int
        var role: TemplateRole
        var templates: [String]
    }

    /// An agency enabled on a project, with the roles of its people there.
    struct PartnerGrant {
        var agency: Int
        var people: [(person: Int, role: ProjectRole)]  // agency person indices, ascending
    }

    struct Token {
        var name: String
        var owner: Int  // org person index
        var environment: Environment
        var scopes: [TokenScope]
        var expires: Day
    }

    struct Project {
        var id: String
        var name: String
        var environments: [Environment]
        var defaultRole: RoleSetting?
        var people: [(person: Int, role: RoleSetting)] = []  // ascending person index
        var teams: [(team: Int, role: ProjectRole)] = []
        var templates: [TemplateGrant] = []
        var handoverAgents: [Subject] = []  // empty = no handover section
        var facebookAdmins: [Subject] = []  // empty = no facebookAnalytics section
        var partners: [PartnerGrant] = []
        var tokens: [Token] = []
    }

    struct Agency {
        var id: String
        var name: String
        var people: [Person]
        var owner: Int
        var activations: [(project: Int, people: [Int])] = []  // ascending project index

        /// The id of the agency's person at `index`: `p001`, `p002`, …
        static func personID(_ index: Int) -> String {
            TreeGenerator.numberedID("p", index + 1, width: 3)
        }

        /// The agency's person at `index` as a subject: `agency-1/p001`.
        func subject(_ index: Int) -> Subject {
            .agencyPerson(agency: id, person: Self.personID(index))
        }
    }

    /// An entry of `assertions/generated.yaml`.
    struct AssertionEntry {
        var expectation: Assertion.Expectation
        var subject: Subject
        var capability: Capability
        var project: String?
    }

    /// A generated id: `prefix` and `number` zero-padded to `width` digits (`p00042`, `proj-0007`).
    static func numberedID(_ prefix: String, _ number: Int, width: Int) -> String {
        let digits = String(number)
        let count = digits.utf8.count
        return count >= width ? prefix + digits : prefix + String(repeating: "0", count: width - count) + digits
    }

    /// How many decimal digits `value` is written with (1 for 0 and below).
    static func digitCount(_ value: Int) -> Int {
        var v = max(0, value)
        var n = 1
        while v >= 10 {
            v /= 10
            n += 1
        }
        return n
    }
}
