import OrgTreeCore

extension JSONWriter {
    /// A provenance chain: a list of steps `{"file", "line", "text"}`, outermost first;
    /// `line` is null in a chain read from a state store.
    public mutating func chain(_ chain: Provenance) {
        array { w in
            for step in chain.steps {
                w.object { w in
                    w.key("file"); w.string(step.location.file)
                    w.key("line")
                    if chain.inStore { w.null() } else { w.int(step.location.line) }
                    w.key("text"); w.string(step.text)
                }
            }
        }
    }

    /// A list of chains.
    public mutating func chains(_ chains: [Provenance]) {
        array { w in for c in chains { w.chain(c) } }
    }
}

extension JSONValue {
    /// A provenance chain: a list of steps `{"file", "line", "text"}`, outermost first;
    /// `line` is null in a chain read from a state store.
    public static func chain(_ chain: Provenance) -> JSONValue {
        .array(chain.steps.map {
            .object(["file": .string($0.location.file), "line": chain.inStore ? .null : .int($0.location.line), "text": .string($0.text)])
        })
    }

    /// A list of chains.
    public static func chains(_ chains: [Provenance]) -> JSONValue { .array(chains.map(chain)) }

    /// Why not: `{"file"?, "line"?, "message"}`.
    public static func reason(_ reason: Reason) -> JSONValue {
        var object: [String: JSONValue] = ["message": .string(reason.message)]
        if let location = reason.location {
            object["file"] = .string(location.file)
            object["line"] = .int(location.line)
        }
        return .object(object)
    }
}
