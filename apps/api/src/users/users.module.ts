import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** User management by the system_admin (docs/auth.md, "User management"). */
@Module({
  controllers: [UsersController],
  providers: [UsersService],
})
export class UsersModule {}
