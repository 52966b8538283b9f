extension ModelArtsAPI {
    /// `{"task_id": …}`: the answer to creating an import, auto grouping or labeling task, and what obslab's clients
    /// read of an export's (the new task's whole status). An import has run when it answers; the others run in the
    /// background, their status showing the progress.
    public struct CreatedTask: Codable, Sendable {
        public var taskId: String

        public init(taskId: String) {
            self.taskId = taskId
        }

        enum CodingKeys: String, CodingKey {
            case taskId = "task_id"
        }
    }
}
