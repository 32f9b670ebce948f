// Citizen screens. Loaded as one chunk after a citizen signs in.
export { default as Today } from './citizen/Today.jsx';
export { default as Plan } from './citizen/Plan.jsx';
export { default as Goals } from './citizen/Goals.jsx';
export { default as Checkin } from './citizen/Checkin.jsx';
export { default as Meetings } from './citizen/Meetings.jsx';
export { default as MeetingDetail, MeetingPreparation } from './citizen/MeetingDetail.jsx';
export { default as AccessLog } from './citizen/AccessLog.jsx';
export { default as FastTrack } from './citizen/FastTrack.jsx';
export { default as Reminders } from './citizen/Reminders.jsx';
export { default as MyData } from './citizen/MyData.jsx';
export { default as MyCase } from './citizen/MyCase.jsx';
export { default as Agreements } from './citizen/Agreements.jsx';
export { default as Contact } from './citizen/Contact.jsx';
export { default as EmployerSharing } from './citizen/EmployerSharing.jsx';
