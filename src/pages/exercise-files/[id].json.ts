// One JSON bundle per exercise: the starter as the workbench runs it, with the check and the solution
// (see src/lib/exercises/bundle.ts). Fetched when the reader first shows intent toward the exercise.
import type { APIRoute, GetStaticPaths } from 'astro';
import { exerciseBundle } from '../../lib/exercises/bundle.ts';
import { listExerciseIds, loadExercise } from '../../lib/exercises/load.ts';

export const getStaticPaths = (() =>
	listExerciseIds().map((id) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
	new Response(JSON.stringify(exerciseBundle(loadExercise(String(params['id'])))), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
