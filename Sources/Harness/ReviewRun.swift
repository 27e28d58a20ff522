import AdmissionCore
import Foundation

/// `harbormaster review`: every input document is an AdmissionReview; each gets the exact reply the webhook
/// would send (the same `Evaluator.respond(toReview:mutating:)` the server calls), one JSON line each.
public struct ReviewRun: Sendable {
    public let evaluator: Evaluator
    public let mutating: Bool
    /// The date dated exemptions are judged on (`harbormaster.io/exempt-until`); today's UTC date by default.
    public var today: CalendarDate? = CalendarDate(secondsSince1970: Date().timeIntervalSince1970)

    public init(evaluator: Evaluator, mutating: Bool) {
        self.evaluator = evaluator
        self.mutating = mutating
    }

    public struct Output: Sendable {
        /// One AdmissionReview reply per input document, in input order.
        public var lines: [String] = []
        /// True when a validating review denied something (exit code 1).
        public var denied = false
    }

    /// Answers every document of every input. The first document that is not a well-formed AdmissionReview
    /// stops the run with an error naming it (exit code 2), as the webhook would answer it with HTTP 400.
    public func run(_ inputs: [InputFile]) throws(HarnessError) -> Output {
        var output = Output()
        for input in inputs {
            let documents = try DocumentLoader.documents(in: input)
            guard !documents.isEmpty else { throw HarnessError(file: input.name, "no AdmissionReview in the input") }
            for document in documents {
                let answer: ReviewAnswer
                do {
                    answer = try evaluator.respond(toReview: document.bytes, mutating: mutating, today: today)
                } catch {
                    throw HarnessError("\(document.label): not a well-formed AdmissionReview: \(error.message)")
                }
                output.lines.append(String(decoding: answer.body, as: UTF8.self))
                if !answer.response.allowed { output.denied = true }
            }
        }
        return output
    }
}
