import Dispatch

/// Maps an array on all cores, keeping the input order. Computation only, no I/O.
public enum ConcurrentMap {
    private final class Slots<T>: @unchecked Sendable {
        var values: [T?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }

    public static func map<Input, Output>(
        _ inputs: [Input], workers: Int = 0, _ transform: (Input) -> Output
    ) -> [Output] {
        let available = workers > 0 ? workers : System.activeProcessorCount
        let workers = max(1, min(available, inputs.count))
        if workers == 1 { return inputs.map(transform) }
        let slots = Slots<Output>(count: inputs.count)
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let inputs = inputs
            slots.values.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let buffer = buffer
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var i = worker
                    while i < inputs.count {
                        // Each index is written by exactly one worker.
                        buffer[i] = transform(inputs[i])
                        i += workers
                    }
                }
            }
        }
        return slots.values.map { $0! }
    }
}

enum System {
    /// Cores available to this process, read from the C library (no Foundation in the core).
    static var activeProcessorCount: Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return n > 0 ? n : 1
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
