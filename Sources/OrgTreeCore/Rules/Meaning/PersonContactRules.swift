/// Two people (org or agency) share an e-mail address.
public struct DuplicateEmailRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .duplicateEmail,
        summary: "Two people, in people/ or in an agency's people/, have the same e-mail address (compared without case).",
        rationale: "The e-mail is the platform login: two files for one address would be two grants for one account.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: ↓Ann@Acme.example\ntfa: {method: app}\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa: {method: app}\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        // The first person of each address, by the hash of the address without case (no
        // copy of 100,000 addresses); the few addresses whose hash an earlier, different
        // address took are kept by their text.
        let people = context.tree.allPeopleByPath
        var firstByHash: [Int: Int] = [:]
        firstByHash.reserveCapacity(people.count)
        var firstByKey: [String: Int] = [:]
        var out: [Diagnostic] = []
        for (index, person) in people.enumerated() {
            guard let email = person.email else { continue }
            let key = Self.key(email.value)
            let earlier: Int?
            if let taken = firstByHash[key.hashValue] {
                if Self.key(people[taken].email!.value) == key {
                    earlier = taken
                } else {
                    earlier = firstByKey[key]
                    if earlier == nil { firstByKey[key] = index }
                }
            } else {
                firstByHash[key.hashValue] = index
                earlier = nil
            }
            if let earlier {
                let other = people[earlier]
                out.append(Diagnostic(.duplicateEmail, "e-mail \(email.value) is already used by \(other.subject) (\(other.file):\(other.email!.location.line))", at: email.location))
            }
        }
        return out
    }

    /// The address as compared: without case (the address itself when it has no capitals,
    /// so that no copy is made).
    static func key(_ email: String) -> String {
        email.utf8.allSatisfy({ $0 < 0x80 && !(0x41...0x5A).contains($0) }) ? email : email.lowercased()
    }
}

/// An e-mail address that is not one.
public struct InvalidEmailRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .invalidEmail,
        summary: "A person's e-mail or the invoice e-mail is not a plausible address (local@domain.tld, no spaces).",
        rationale: "Invitations and invoices go to this address.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: ↓bob(at)acme.example\ntfa: {method: app}\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob.stone+ops@mail.acme.example\ntfa: {method: app}\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for person in context.tree.allPeopleByPath {
            if let email = person.email, !Self.isPlausible(email.value) {
                out.append(Diagnostic(.invalidEmail, "'\(email.value)' is not a valid e-mail address", at: email.location))
            }
        }
        if let invoice = context.tree.organization?.billing?.invoiceEmail, !Self.isPlausible(invoice.value) {
            out.append(Diagnostic(.invalidEmail, "'\(invoice.value)' is not a valid e-mail address", at: invoice.location))
        }
        return out
    }

    /// `local@domain.tld`: one `@`, no white space or separators, a dot in the domain,
    /// no empty label, neither part empty.
    public static func isPlausible(_ email: String) -> Bool {
        var email = email
        return email.withUTF8 { b in
            guard b.count <= 254, let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0, at <= 64 else { return false }
            if b[..<at].contains(where: isForbidden) { return false }
            let domain = b[(at + 1)...]
            if domain.contains(where: isForbidden) { return false }
            // Labels between dots: at least two, none empty, none starting or ending with '-'.
            var labels = 0
            var start = domain.startIndex
            while true {
                let end = domain[start...].firstIndex(of: UInt8(ascii: ".")) ?? domain.endIndex
                guard end > start, b[start] != UInt8(ascii: "-"), b[end - 1] != UInt8(ascii: "-") else { return false }
                labels += 1
                guard end < domain.endIndex else { break }
                start = end + 1
            }
            return labels >= 2
        }
    }

    /// White space, separators and a second '@': never in an address as orgtree takes it.
    private static func isForbidden(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
             UInt8(ascii: ";"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"): true
        default: false
        }
    }
}

/// A mobile number not in E.164 form.
public struct InvalidMobileRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .invalidMobile,
        summary: "A mobile number is not in E.164 form (+, country code, 7 to 15 digits, no spaces).",
        rationale: "SMS two-factor codes are sent to this number exactly as written.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n  method: sms\n  mobile: ↓0151 2345678\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n  method: sms\n  mobile: \"+4915123456789\"\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.allPeopleByPath.compactMap { person in
            guard let mobile = person.mobile, !Self.isE164(mobile.value) else { return nil }
            return Diagnostic(.invalidMobile, "'\(mobile.value)' is not an E.164 mobile number; write it as +<country code><number>, e.g. +4915123456789", at: mobile.location)
        }
    }

    public static func isE164(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 8, b.count <= 16, b[0] == UInt8(ascii: "+"), b[1] >= 49, b[1] <= 57 else { return false }
        return b.dropFirst().allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

/// SMS two-factor without a mobile number.
public struct SMSNeedsMobileRule: TreeRule {
    public init() {}

    public static let description = RuleDescription(
        name: .smsNeedsMobile,
        summary: "A person uses SMS two-factor authentication but has no mobile number.",
        rationale: "The platform makes the mobile number mandatory when SMS is the TFA method.",
        triggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n  method: ↓sms\n"]),
        ],
        nonTriggering: [
            RuleExample(["people/bob.yaml": "firstName: Bob\nlastName: Stone\nemail: bob@acme.example\ntfa:\n  method: sms\n  mobile: \"+15551234567\"\n"]),
        ])

    public func check(_ context: RuleContext) -> [Diagnostic] {
        context.tree.allPeopleByPath.compactMap { person in
            guard let method = person.tfaMethod, method.value == .sms, person.mobile == nil else { return nil }
            return Diagnostic(.smsNeedsMobile, "\(person.subject) uses SMS two-factor authentication but has no tfa.mobile number", at: method.location)
        }
    }
}

