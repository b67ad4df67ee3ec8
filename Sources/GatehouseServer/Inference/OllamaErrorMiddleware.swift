import GatehouseCore
import HTTPTypes
import Hummingbird

/// Under `/api` (the Ollama-compatible API), errors are Ollama's `{"error": "message"}`, with the
/// status from ``ErrorMiddleware/status(of:)``; Ollama's clients read nothing else.
struct OllamaErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, shown) = ErrorMiddleware<Context>.public(error, logger: context.logger)
            var response = JSONBody.response(status: status, OllamaError(error: shown.message))
            if status == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="gatehouse""# }
            return response
        }
    }

    struct OllamaError: Encodable {
        let error: String
    }
}
