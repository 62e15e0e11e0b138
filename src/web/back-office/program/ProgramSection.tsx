// The back office's Program section: events and their dates, seat maps, seats held back.
import { Route, Routes } from 'react-router';
import { NotFound } from '../../pages/NotFound.tsx';
import '../../program/program.css';
import { EventEdit, EventNew } from './EventEditor.tsx';
import { EventsList } from './EventsList.tsx';
import { PerformanceSeats } from './PerformanceSeats.tsx';
import { SeatMaps } from './SeatMaps.tsx';

export function ProgramSection() {
  return (
    <Routes>
      <Route index element={<EventsList />} />
      <Route path="events/new" element={<EventNew />} />
      <Route path="events/:eventSlug" element={<EventEdit />} />
      <Route path="performances/:performanceId" element={<PerformanceSeats />} />
      <Route path="seat-maps" element={<SeatMaps />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
