// Employer screens (the employee's manager or HR contact). Loaded as one
// chunk after an employer signs in, with the catalog part "ui.employer.…".
export { default as Employees } from './employer/Employees.jsx';
export { default as Employee } from './employer/Employee.jsx';
export { default as Reminders } from './employer/Reminders.jsx';
