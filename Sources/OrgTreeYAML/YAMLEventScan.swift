import CYAML

/// libyaml's bare event loop over a text, building nothing. The benchmark's floor:
/// no reader of YAML can be faster than the parser it stands on.
public enum YAMLEventScan {
    /// The number of events in `bytes`, or nil when libyaml stops on an error.
    public static func countEvents(_ bytes: [UInt8]) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? withUnsafePointer(to: &empty) { $0 }, buffer.count)
            var event = yaml_event_t()
            var count = 0
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }
}
