// The baseline every figure is divided by: a bare NestJS 12 + Express route, no guards, no database.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

class BareController {
  hello() {
    return { status: 'ok' };
  }
}
Controller('bare')(BareController);
Get()(BareController.prototype, 'hello', Object.getOwnPropertyDescriptor(BareController.prototype, 'hello'));

class BareModule {}
Module({ controllers: [BareController] })(BareModule);

const app = await NestFactory.create(BareModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
process.send?.('ready');
