/// An e-mail domain written to pass for another: letters of two scripts in one label, or
/// the look-alike of a domain another person in the tree uses.
public struct LookalikeDomainRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .lookalikeDomain,
        summary: "An e-mail domain mixes the letters of Latin, Greek, Cyrillic, Armenian or Cherokee in one label, or looks the same as another person's domain while being written with other letters.",
        rationale: """
            A Cyrillic 'а' in 'аcme.example' looks like the Latin 'a' in review, but the invitation goes to another domain, and whoever owns it gets the account. \
            Write the domain in the letters the mail really goes to (usually plain Latin letters, as in the other people's addresses). \
            Scripts are told apart by a table of their Unicode blocks, and look-alikes by a table of the letters that pass for Latin ones (orgtree's `Confusables`); ASCII-only domains are never flagged, so punycode (`xn--…`) is not looked into. \
            Ids need no such check: `invalid-id` admits only a–z, 0–9 and '-'. \
            False positives: a domain of its own in Greek or Cyrillic whose letters all have Latin look-alikes (`αοο.example` next to a person on `aoo.example`) is flagged although both are real; there is no way to silence the rule, so such a pair is best kept out of one tree.
            """,
        triggering: [
            RuleExample(["people/cara.yaml": "firstName: Cara\nlastName: Diaz\nemail: ↓cara@\u{430}cme.example\ntfa: {method: app}\n"]),
            RuleExample(["people/cara.yaml": "firstName: Cara\nlastName: Diaz\nemail: ↓cara@\u{410}\u{421}\u{41C}\u{415}.example\ntfa: {method: app}\n"]),
            RuleExample(["organization.yaml": "id: acme\nname: Acme Inc.\ncreatedBy: ann\nplan:\n  name: growth\n  projects: 2\nbilling:\n  paymentMethod: card\n  invoiceEmail: ↓billing@ac\u{43C}e.example\nroles:\n  owners: [ann]\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/cara.yaml": "firstName: \u{41A}\u{430}\u{440}\u{430}\nlastName: \u{414}\u{438}\u{430}\u{441}\nemail: cara@\u{43F}\u{440}\u{438}\u{43C}\u{435}\u{440}.example\ntfa: {method: app}\n"]),
            RuleExample(["people/cara.yaml": "firstName: Cara\nlastName: Diaz\nemail: cara@m\u{FC}ller-b\u{E4}ckerei.example\ntfa: {method: app}\n"]),
            RuleExample(["people/cara.yaml": "firstName: Cara\nlastName: Diaz\nemail: cara@xn--cme-8cd.example\ntfa: {method: app}\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        struct Address {
            var email: Located<String>
            var owner: String
            var domain: Substring
        }
        // The first address on each skeleton whose domain is written in ASCII, and every
        // address whose domain is not (few): one pass, nothing kept per person beyond that.
        var plainBySkeleton: [String: Address] = [:]
        var others: [Address] = []
        func consider(_ email: Located<String>, owner: () -> String) {
            // On bytes: '@' never occurs inside a multi-byte character.
            guard let at = email.value.utf8.lastIndex(of: UInt8(ascii: "@")) else { return }
            let domain = email.value[email.value.utf8.index(after: at)...]
            if domain.utf8.allSatisfy({ $0 < 0x80 }) {
                let key = domain.utf8.contains(where: { (0x41...0x5A).contains($0) }) ? domain.lowercased() : String(domain)
                if plainBySkeleton[key] == nil { plainBySkeleton[key] = Address(email: email, owner: owner(), domain: domain) }
            } else {
                others.append(Address(email: email, owner: owner(), domain: domain))
            }
        }
        for person in context.tree.allPeopleByPath {
            if let email = person.email { consider(email) { person.subject.description } }
        }
        if let invoice = context.tree.organization?.billing?.invoiceEmail {
            consider(invoice) { "billing.invoiceEmail" }
        }
        var out: [Diagnostic] = []
        for address in others {
            let domain = address.domain
            let skeleton = Confusables.skeleton(of: domain)
            let mixed = domain.split(separator: ".").first { Confusables.scripts(of: $0).count > 1 }
            let twin = plainBySkeleton[skeleton]
            guard mixed != nil || twin != nil else { continue }
            var message = "the domain '\(domain)'"
            if let mixed {
                let names = Confusables.scripts(of: mixed).map(\.rawValue).joined(separator: " and ")
                message += " mixes \(names) letters in '\(mixed)'"
            }
            if let twin {
                let loc = twin.email.location
                message += (mixed == nil ? "" : " and") + " looks like \(twin.domain) (\(twin.owner), \(loc.file):\(loc.line)) but is another domain"
            }
            let plain = skeleton.unicodeScalars.allSatisfy(\.isASCII) ? skeleton : nil
            if let plain {
                message += "; if the mail goes to \(plain), write it in Latin letters: \(address.email.value.prefix { $0 != "@" })@\(plain)"
            } else {
                message += "; write each label in the letters of one script"
            }
            out.append(Diagnostic(.lookalikeDomain, message, at: address.email.location))
        }
        return out
    }
}
