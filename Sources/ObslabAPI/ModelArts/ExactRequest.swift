/// A request body whose members obslab all honours: a member it does not list is refused with a 400 naming it, never
/// ignored, so that a client relying on it learns at once that obslab does not do what ModelArts would.
public protocol ExactRequest: Decodable {
    /// The members obslab reads.
    static var honouredFields: Set<String> { get }
    /// Members of the reference that obslab refuses, with why (they are refused all the same when absent here).
    static var refusedFields: [String: String] { get }
    /// The members whose object, or whose array's objects, are exact in turn (`labels` of `Label`s).
    static var memberRequests: [String: any ExactRequest.Type] { get }
}

extension ExactRequest {
    public static var refusedFields: [String: String] { [:] }
    public static var memberRequests: [String: any ExactRequest.Type] { [:] }

    /// Why `field` is refused: the reason given for it, or that obslab does not know it.
    public static func refusal(of field: String) -> String {
        refusedFields[field] ?? "is not a member obslab honours (it honours \(honouredFields.sorted().joined(separator: ", ")))"
    }
}
