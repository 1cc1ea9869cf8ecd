import Dispatch

/// Maps an array on several threads, keeping the order of the input.
enum ParallelMap {
    private final class Slots<T>: @unchecked Sendable {
        var values: [T?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
    }

    static func map<Input: Sendable, Output>(
        _ inputs: [Input], workers: Int, _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let slots = Slots<Output>(count: inputs.count)
        let workers = max(1, min(workers, inputs.count))
        if workers == 1 {
            return inputs.map(transform)
        }
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
        return slots.values.map { $0! }
    }
}
