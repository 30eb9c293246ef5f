@testable import CodeGen
import Testing

struct ParallelMapTests {
    @Test(arguments: [0, 1, 2, 7, 1_000, 1_025, 100_003])
    func keepsTheOrderOfTheElements(_ count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.parallelMap { "\($0 * 3)" } == numbers.map { "\($0 * 3)" })
    }

    /// Rendering a spec twice gives the same files, in the same order.
    @Test func renderingIsTheSameEveryTime() {
        let spec = """
            openapi: 3.1.0
            info: {title: T, version: '1'}
            paths:
              /a: {get: {operationId: getA, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}
              /b: {post: {operationId: postB, responses: {'204': {description: none}}}}
            components:
              schemas:
                A: {type: object, properties: {name: {type: string}, kind: {type: string, enum: [x, y]}}}
                B: {type: string, enum: [one, two]}
            """
        let first = generate(spec).files
        #expect(first.count > 10)
        for _ in 0..<5 {
            #expect(generate(spec).files == first)
        }
        #expect(first.map(\.path) == first.map(\.path).sorted())
    }

    /// `join()` returns once a helper's closure has returned and been let
    /// go: `parallelMap` hands its helpers a closure made with
    /// `withoutActuallyEscaping`, which traps if a helper still holds it.
    /// Letting it go after saying it had returned crashed about one run of
    /// the tool in forty; thousands of short maps make that race show.
    @Test func helpersLetTheirWorkGoBeforeTheyAreJoined() {
        var total = 0
        for round in 0..<3_000 {
            total += [round, 1, 2, 3].parallelMap { $0 + 1 }.reduce(0, +)
        }
        #expect(total == (0..<3_000).reduce(0) { $0 + $1 + 10 })
    }
}
