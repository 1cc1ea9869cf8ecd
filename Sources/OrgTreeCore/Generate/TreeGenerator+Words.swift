extension TreeGenerator {
    /// The built-in word lists names, titles and values are picked from. Their order is
    /// part of the output: the same seed picks the same index.
    enum Words {
        static let firstNames = [
            "Ada", "Adrian", "Aisha", "Alex", "Amara", "Anna", "Ben", "Bruno", "Carla", "Chen",
            "Chloe", "Dana", "David", "Elena", "Emil", "Emma", "Fatima", "Felix", "Gina", "Hana",
            "Hugo", "Ines", "Ivan", "Jonas", "Julia", "Kai", "Lara", "Lena", "Leon", "Luca",
            "Maya", "Mateo", "Mia", "Nina", "Noah", "Nora", "Omar", "Oskar", "Paula", "Pia",
            "Priya", "Rafael", "Sara", "Sofia", "Tariq", "Theo", "Valentina", "Yusuf", "Zoë", "Jörg",
        ]
        static let lastNames = [
            "Adeyemi", "Berger", "Novak", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Hansen",
            "Horvat", "Ivanova", "Jansen", "Kim", "Kowalski", "Lindqvist", "Martin", "Meyer",
            "Müller", "Nakamura", "Nguyen", "O'Brien", "Okafor", "Patel", "Petrov", "Rossi",
            "Santos", "Schmidt", "Silva", "Singh", "Tanaka", "Weber", "Wagner", "Yilmaz", "Zhang",
        ]
        static let jobTitles = [
            "Software Engineer", "Senior Software Engineer", "Conversation Designer",
            "Product Manager", "Data Analyst", "Support Agent", "Support Lead",
            "Engineering Manager", "Content Writer", "QA Engineer", "Head of Customer Care",
            "Marketing Manager", "Designer", "DevOps Engineer", "Chief Technology Officer",
        ]
        static let teamWords = [
            "Support", "Engineering", "Backend", "Frontend", "Content", "Analytics", "Marketing",
            "Sales", "Operations", "Design", "Quality", "Platform", "Mobile", "Data", "Escalation",
        ]
        static let projectWords = [
            "Helpdesk", "Shop", "Onboarding", "Internal FAQ", "Booking", "Billing help", "Returns",
            "Order tracking", "Recruiting", "IT service desk", "Travel", "Insurance claims",
            "Loyalty", "Survey", "Appointments",
        ]
        static let agencyWords = [
            "Pixel", "Birch", "Nimbus", "Quill", "Harbor", "Lumen", "Cobalt", "Meadow", "Orbit", "Saffron",
        ]
        static let agencySuffixes = ["Agency", "Studio", "Digital", "Partners"]
        static let templateNames = [
            "welcome-flow", "first-week-checklist", "policy-acknowledgement", "order-status",
            "refund-request", "opening-hours", "password-reset-help", "delivery-times",
            "feedback-survey", "escalation-notice", "holiday-greeting", "faq-fallback",
        ]
        // Token names are map keys: none of them may read like a credential key
        // (`access-token`, `secret`, ... would be `secret-in-tree`).
        static let tokenNames = [
            "ci-deploy", "content-sync", "nightly-export", "events-bridge", "search-index",
            "crm-sync", "staging-sync", "qa-runner",
        ]
        static let scopes: [TokenScope] = [.contentRead, .contentWrite, .analyticsRead, .eventsWrite]
        /// (country and network prefix, digits after it): valid E.164 mobile numbers.
        static let mobilePrefixes: [(String, Int)] = [
            ("+49151", 8), ("+49160", 8), ("+49170", 8), ("+4477", 8), ("+336", 8), ("+1415", 7),
            ("+4369", 9), ("+3460", 7),
        ]
        static let slackAlphabet = Array("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    }
}
