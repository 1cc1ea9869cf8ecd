import OrgTreeCore

extension JSONWriter {
    /// A provenance chain: a list of steps `{"file", "line", "text"}`, outermost first.
    public mutating func chain(_ chain: Provenance) {
        array { w in
            for step in chain.steps {
                w.object { w in
                    w.key("file"); w.string(step.location.file)
                    w.key("line"); w.int(step.location.line)
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
