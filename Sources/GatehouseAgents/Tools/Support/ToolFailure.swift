/// A failure the model should read: the call is answered with an error output naming what was wrong.
struct ToolFailure: Error, Sendable {
    /// What went wrong, for the model.
    let message: String

    init(_ message: String) {
        self.message = message
    }
}

extension ToolOutput {
    /// An error output with `message`.
    static func failure(_ message: String) -> ToolOutput {
        ToolOutput(message, isError: true)
    }

    /// The answer to a call of a tool that the toolbox does not offer.
    static func unknownTool(_ name: String) -> ToolOutput {
        .failure("unknown tool '\(name)'")
    }

    /// A tool's handler: it reads the call's arguments and answers.
    typealias Handler = (ToolArguments) async throws -> ToolOutput

    /// Runs the handler of the tool `invocation` names (an error output when there is none), with
    /// the call's arguments, turning a ``ToolFailure`` into an error output.
    static func dispatch(
        isolation: isolated (any Actor)? = #isolation, _ invocation: ToolInvocation, to handlers: [String: Handler]
    ) async throws -> ToolOutput {
        guard let handler = handlers[invocation.name] else { return .unknownTool(invocation.name) }
        return try await guarding { try await handler(ToolArguments(invocation)) }
    }

    /// Runs `body`, turning a ``ToolFailure`` into an error output; other errors are the
    /// toolbox's own and propagate.
    static func guarding(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> ToolOutput
    ) async throws -> ToolOutput {
        do {
            return try await body()
        } catch let failure as ToolFailure {
            return .failure(failure.message)
        }
    }
}
