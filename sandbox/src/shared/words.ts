/** Small word lists for realistic-looking fake data. Kept short on purpose: variety comes from combining. */
export const FIRST_NAMES = [
  'Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken',
  'Radia', 'Dennis', 'Hedy', 'John', 'Katherine', 'Tim', 'Sophie', 'Guido', 'Anita', 'Bjarne',
  'Lena', 'Omar', 'Priya', 'Mateo', 'Chloe', 'Yuki', 'Noah', 'Amara', 'Luca', 'Ines',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Dijkstra', 'Liskov', 'Knuth', 'Allen',
  'Thompson', 'Perlman', 'Ritchie', 'Lamarr', 'McCarthy', 'Johnson', 'Berners-Lee', 'Wilson',
  'van Rossum', 'Borg', 'Stroustrup', 'Novak', 'Haddad', 'Sharma', 'Garcia', 'Martin', 'Tanaka',
  'Okafor', 'Rossi', 'Silva', 'Schmidt',
] as const;

export const COMPANY_WORDS = [
  'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne',
  'Tyrell', 'Wonka', 'Gringotts', 'Oscorp', 'Massive', 'Dynamic', 'Blue', 'Red', 'Northwind', 'Contoso',
  'Fabrikam', 'Pied', 'Aperture', 'Black Mesa', 'Monarch', 'Nimbus', 'Quantum', 'Vertex', 'Summit', 'Harbor',
] as const;

export const COMPANY_SUFFIXES = ['Inc', 'LLC', 'Labs', 'Group', 'Systems', 'Partners', 'Co', 'Industries', 'GmbH', 'Ltd'] as const;

export const TLDS = ['com', 'io', 'net', 'org', 'co', 'dev', 'ai', 'de', 'fr', 'co.uk'] as const;

export const JOB_TITLES = ['CEO', 'CTO', 'Engineer', 'Designer', 'Sales Lead', 'Marketing Manager', 'Analyst', 'Founder', 'Consultant', 'Support'] as const;

export const CITIES = ['Berlin', 'Paris', 'London', 'New York', 'Austin', 'Tokyo', 'Lagos', 'Madrid', 'Toronto', 'Sydney'] as const;

export const INDUSTRIES = ['COMPUTER_SOFTWARE', 'RETAIL', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE', 'MARKETING_AND_ADVERTISING', 'EDUCATION_MANAGEMENT'] as const;

export const DEAL_STAGES = ['appointmentscheduled', 'qualifiedtobuy', 'presentationscheduled', 'decisionmakerboughtin', 'contractsent', 'closedwon', 'closedlost'] as const;

export const NOUNS = [
  'Roadmap', 'Budget', 'Launch', 'Meeting notes', 'Hiring', 'Onboarding', 'Retrospective', 'Design', 'Research',
  'Inventory', 'Recipes', 'Travel', 'Reading list', 'Goals', 'Projects', 'Tasks', 'Clients', 'Invoices',
  'Content calendar', 'Bugs', 'Ideas', 'Wiki', 'Handbook', 'Sprint', 'OKRs', 'Contacts', 'Events', 'Assets',
] as const;

export const ADJECTIVES = [
  'Q1', 'Q2', 'Q3', 'Q4', '2026', 'Team', 'Personal', 'Shared', 'Archived', 'Draft', 'Weekly', 'Monthly',
  'Marketing', 'Engineering', 'Sales', 'Product', 'Support', 'Legal', 'Finance', 'Ops',
] as const;

export const EMOJIS = ['📄', '🗂️', '📊', '🚀', '🥬', '📝', '✅', '💡', '📅', '🎯'] as const;
