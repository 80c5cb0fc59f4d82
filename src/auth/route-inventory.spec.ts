import { Controller, Get, Module, Post } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Access } from '../common/access/access';
import { routeInventory } from './route-inventory';

@Controller('ruled')
class Ruled {
  @Get(':id')
  @Access.roles(['REVIEWER'])
  one(): string {
    return 'ok';
  }

  @Post()
  @Access.public()
  create(): string {
    return 'ok';
  }
}

@Controller('forgotten')
class Forgotten {
  @Get()
  list(): string {
    return 'ok';
  }

  helper(): string {
    return 'not a route';
  }
}

@Access.signedIn()
@Controller()
class ClassWide {
  @Get('whole')
  whole(): string {
    return 'ok';
  }
}

@Module({ controllers: [Ruled, Forgotten, ClassWide] })
class Sample {}

describe('routeInventory', () => {
  it('lists every route with its rule, and finds the one without', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [Sample] }).compile();
    const routes = routeInventory(moduleRef.get(ModulesContainer));
    expect(routes.map((r) => [r.method, r.path, r.rule?.kind ?? 'none'])).toEqual([
      ['GET', '/forgotten', 'none'],
      ['POST', '/ruled', 'public'],
      ['GET', '/ruled/:id', 'roles'],
      ['GET', '/whole', 'signedIn'],
    ]);
    expect(routes.find((r) => !r.rule)?.handler).toBe('Forgotten.list');
  });
});
