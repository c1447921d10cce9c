import { Module } from '@nestjs/common';
import { BookingRepository } from './repositories/booking.repository';
import { BookingLedger } from './services/booking-ledger';

/** The booking ledger: the time surgical cases and appointments hold (docs/calendar.md). */
@Module({
  providers: [BookingRepository, BookingLedger],
  exports: [BookingLedger],
})
export class BookingModule {}
