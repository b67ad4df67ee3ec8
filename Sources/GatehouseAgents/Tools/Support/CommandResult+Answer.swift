import Foundation

extension CommandResult {
    /// The result as the model reads it: standard output then standard error, capped, with the
    /// exit status noted (and the output an error) when it is not 0.
    func answer(timeout: Duration) -> ToolOutput {
        var text = OutputLimit.text(stdout)
        let errors = OutputLimit.text(stderr)
        if !errors.isEmpty {
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += errors
        }
        if truncated { text += "\n[output cut at the sandbox's output limit]" }
        if text.isEmpty { text = "(no output)" }
        guard exitStatus != 0 else { return ToolOutput(OutputLimit.cap(text)) }
        let status =
            exitStatus == 124
            ? "timed out after \(timeout.components.seconds) seconds (exit status 124)" : "exit status \(exitStatus)"
        return ToolOutput(OutputLimit.cap(text) + "\n[\(status)]", isError: true)
    }
}
