import Foundation

/// The outcome of a "Synchronize New Data", or its state while it runs (ModelArts `sync-data/status`).
public struct SyncReport: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case running
        case succeeded
        case failed
    }

    /// The sync task id (ModelArts `task_id`).
    public var id: String
    public var datasetId: String
    public var status: Status
    /// ModelArts `add_sample_count`.
    public var addedSampleCount: Int
    /// ModelArts `deleted_sample_count`: samples whose object is gone.
    public var deletedSampleCount: Int
    /// ModelArts `total_sample_count`: the dataset's samples after the sync.
    public var totalSampleCount: Int
    /// Label files read during this sync (new, changed, or unreadable the last time).
    public var sidecarsRead: Int
    /// Label files left unread because their ETag had not changed since they were last read.
    public var sidecarsUnchanged: Int
    public var startedAt: Date
    public var finishedAt: Date?
    /// Why the sync failed.
    public var error: LabelingError?
}
