extension ModelArtsAPI {
    /// `POST /v2/{project_id}/workforces` ("Creating a Labeling Team").
    public struct CreateWorkforce: Codable, Sendable, ExactRequest {
        public var workforceName: String?
        public var description: String?

        public init(workforceName: String, description: String? = nil) {
            self.workforceName = workforceName
            self.description = description
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case workforceName = "workforce_name"
            case description
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `PUT /v2/{project_id}/workforces/{workforce_id}` ("Updating a Labeling Team"): the same members, both optional.
    public typealias UpdateWorkforce = CreateWorkforce

    /// The answer to a team's creation (201).
    public struct CreateWorkforceResponse: Codable, Sendable {
        public var workforceId: String

        public init(workforceId: String) {
            self.workforceId = workforceId
        }

        enum CodingKeys: String, CodingKey {
            case workforceId = "workforce_id"
        }
    }

    /// A labeling team ("Querying Details About a Labeling Team").
    public struct Workforce: Codable, Sendable {
        public var workforceId: String
        public var workforceName: String
        public var description: String
        public var workerCount: Int
        public var createTime: Int64
        public var updateTime: Int64
        /// `0`: obslab has no workspaces.
        public var workspaceId: String

        public init(
            workforceId: String, workforceName: String, description: String, workerCount: Int, createTime: Int64, updateTime: Int64,
            workspaceId: String = "0"
        ) {
            self.workforceId = workforceId
            self.workforceName = workforceName
            self.description = description
            self.workerCount = workerCount
            self.createTime = createTime
            self.updateTime = updateTime
            self.workspaceId = workspaceId
        }

        enum CodingKeys: String, CodingKey {
            case workforceId = "workforce_id"
            case workforceName = "workforce_name"
            case description
            case workerCount = "worker_count"
            case createTime = "create_time"
            case updateTime = "update_time"
            case workspaceId = "workspace_id"
        }
    }

    /// `GET /v2/{project_id}/workforces`.
    public struct WorkforceList: Codable, Sendable {
        public var totalNumber: Int
        public var workforces: [Workforce]

        public init(totalNumber: Int, workforces: [Workforce]) {
            self.totalNumber = totalNumber
            self.workforces = workforces
        }

        enum CodingKeys: String, CodingKey {
            case totalNumber = "total_number"
            case workforces
        }
    }

    /// `POST …/workforces/{workforce_id}/workers` ("Creating a Labeling Team Member"). `role` is an integer; the
    /// reference's own example sends it as a string ("2"), which is taken too.
    public struct CreateWorker: Codable, Sendable, ExactRequest {
        public var emails: String?
        public var role: FlexibleInt?
        public var description: String?

        public init(emails: String, role: Int, description: String? = nil) {
            self.emails = emails
            self.role = FlexibleInt(role)
            self.description = description
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case emails
            case role
            case description
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `PUT …/workers/{worker_id}` ("Updating a Labeling Team Member"): the role and description.
    public struct UpdateWorker: Codable, Sendable, ExactRequest {
        public var role: FlexibleInt?
        public var description: String?

        public init(role: Int? = nil, description: String? = nil) {
            self.role = role.map(FlexibleInt.init)
            self.description = description
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case role
            case description
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `POST …/workers/batch-delete`: `{"workers": [ids]}`.
    public struct DeleteWorkers: Codable, Sendable, ExactRequest {
        public var workers: [String]?

        public init(workers: [String]) {
            self.workers = workers
        }

        public static var honouredFields: Set<String> { ["workers"] }
    }

    /// A labeling team member ("Querying Details About Labeling Team Members"). `status` is 2 ("has logged in") when a
    /// user with a token answers to the email, else 0 (obslab sends no invitation emails).
    public struct Worker: Codable, Sendable, ExactRequest {
        public var email: String?
        public var workerId: String?
        public var workforceId: String?
        public var status: Int?
        public var role: Int?
        public var description: String?
        public var createTime: Int64?
        public var updateTime: Int64?

        public init(
            email: String?, workerId: String? = nil, workforceId: String? = nil, status: Int? = nil, role: Int? = nil,
            description: String? = nil, createTime: Int64? = nil, updateTime: Int64? = nil
        ) {
            self.email = email
            self.workerId = workerId
            self.workforceId = workforceId
            self.status = status
            self.role = role
            self.description = description
            self.createTime = createTime
            self.updateTime = updateTime
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case email
            case workerId = "worker_id"
            case workforceId = "workforce_id"
            case status
            case role
            case description
            case createTime = "create_time"
            case updateTime = "update_time"
        }

        public static var honouredFields: Set<String> { Set(CodingKeys.allCases.map(\.stringValue)) }
    }

    /// `GET …/workforces/{workforce_id}/workers`.
    public struct WorkerList: Codable, Sendable {
        public var totalNumber: Int
        public var workers: [Worker]

        public init(totalNumber: Int, workers: [Worker]) {
            self.totalNumber = totalNumber
            self.workers = workers
        }

        enum CodingKeys: String, CodingKey {
            case totalNumber = "total_number"
            case workers
        }
    }

    /// An integer that a client may also send as a string of digits.
    public struct FlexibleInt: Codable, Sendable, Equatable {
        public var value: Int

        public init(_ value: Int) {
            self.value = value
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Int.self) {
                self.value = value
            } else if let text = try? container.decode(String.self), let value = Int(text) {
                self.value = value
            } else {
                throw DecodingError.typeMismatch(Int.self, .init(codingPath: decoder.codingPath, debugDescription: "must be an integer"))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }
}
