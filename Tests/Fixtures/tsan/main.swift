// Compiled with Sources/OrgTreeCore/Concurrency/*.swift under the thread sanitizer by
// ConcurrencyTests: maps and background results with many workers and many elements,
// checking every answer. The sanitizer reports any data race on standard error.
let inputs = Array(0..<20_000)
for workers in [0, 2, 3, 8, 64] {
    let squares = ConcurrentMap.map(inputs, workers: workers) { [$0, $0 * $0].description }
    precondition(squares == inputs.map { [$0, $0 * $0].description }, "wrong answer with \(workers) workers")
}
let background = (0..<32).map { n in BackgroundResult { (0...n * 1000).reduce(0, +) } }
for (n, result) in background.enumerated() {
    precondition(result.value == (0...n * 1000).reduce(0, +))
}
print("ok")
